// `mockCalls` in the settings document: a user's own answers to the data sources their program
// calls, as Pulumi's unit-test mocks answer `call`: a token, the arguments to match (a subset of
// the call's; none matches every call) and the result, laid over blastwall's own answer.

import { InputError } from "../errors";
import { isRecord } from "../../policies/lib/props";
import type { CallAnswer } from "./data-sources";

export function callAnswersFrom(document: Readonly<Record<string, unknown>> | undefined, file: string): CallAnswer[] {
    const value = document?.mockCalls;
    if (value === undefined) return [];
    const bad = (where: string, what: string) => new InputError(`config file ${file} is invalid:\n    ${where}: ${what}`);
    if (!Array.isArray(value)) throw bad("mockCalls", "must be a list of {token, args, result}");
    return value.map((entry, i) => {
        const where = `mockCalls[${i}]`;
        if (!isRecord(entry)) throw bad(where, "must be a mapping {token, args, result}");
        if (typeof entry.token !== "string" || !/^[^:]+:[^:]+:[^:]+$/.test(entry.token)) {
            throw bad(`${where}.token`, 'must be a data source token such as "aws:ssm/getParameter:getParameter"');
        }
        if (entry.args !== undefined && !isRecord(entry.args)) throw bad(`${where}.args`, "must be a mapping of the call's arguments to match");
        if (!isRecord(entry.result)) throw bad(`${where}.result`, "must be a mapping: the fields of the call's result");
        const unknown = Object.keys(entry).filter((k) => !["token", "args", "result"].includes(k));
        if (unknown.length > 0) throw bad(where, `unknown key ${unknown.map((k) => `"${k}"`).join(", ")} (keys: token, args, result)`);
        return { token: entry.token, ...(entry.args ? { args: entry.args } : {}), result: entry.result };
    });
}
