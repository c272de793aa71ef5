// Escalation through an existing Lambda function (Rhino Security Labs' method 18, PMapper's Lambda
// edges): a principal that may replace a function's code runs that code as the function's
// execution role, so it holds the role's power. With lambda:UpdateFunctionConfiguration as well
// and iam:PassRole of a role Lambda may assume, it can give the function that role first. Targets
// are the program's functions first (by their role's power), then any function of the account
// when a wildcard grants it: functions outside the program may run as any role.

import type { ResourceView } from "../lib/model";
import { getString } from "../lib/props";
import { adminFact } from "./admin";
import type { Escalation } from "./escalation";
import { stringsOf, allowStatements } from "./iam/documents";
import { IAM, linked } from "./iam/links";
import type { Decision } from "./iam/simulate";
import type { IamPrincipal, IamWorld, Note } from "./iam/world";
import { probeArn } from "./probes";
import { mayAllow } from "./roles";
import { firstAllowed, join, powerText, Target, trusts } from "./targets";

const FUNCTION = "aws:lambda/function:Function";
const UPDATE_CODE = "lambda:UpdateFunctionCode";
const UPDATE_CONFIGURATION = "lambda:UpdateFunctionConfiguration";
const LAMBDA = "lambda.amazonaws.com";

interface LambdaFunction {
    readonly resource: ResourceView;
    readonly name: string;
    /** Its ARN when known; else one per region it may be in (see functionArns). */
    readonly arns: readonly string[];
}

/** Regions named by the subject's allow statements on Lambda ARNs: a function of unknown region may be in any. */
function grantedRegions(start: IamPrincipal): string[] {
    const regions = new Set<string>();
    for (const { statement } of allowStatements(start.subject.identity)) {
        for (const arn of stringsOf(statement.Resource)) {
            const region = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):/.exec(arn.trim())?.[1];
            if (region) regions.add(region);
        }
    }
    return [...regions];
}

function functionsOf(world: IamWorld, start: IamPrincipal): LambdaFunction[] {
    const account = start.subject.account;
    let regions: string[] | undefined;
    const result: LambdaFunction[] = [];
    for (const resource of world.stack.resources) {
        if (resource.type !== FUNCTION) continue;
        const given = getString(resource.props, "name");
        // Unnamed, Pulumi names it "<name>-<7 hex digits>"; the digits are not known before it exists.
        const name = typeof given === "string" && given.trim() !== "" ? given.trim() : `${resource.name}-0000000`;
        const known = getString(resource.props, "arn");
        if (typeof known === "string" && known.startsWith("arn:")) {
            result.push({ resource, name, arns: [known] });
            continue;
        }
        const providerRegion = resource.provider ? getString(resource.provider.props, "region") : undefined;
        regions ??= grantedRegions(start);
        const candidates = typeof providerRegion === "string" && providerRegion !== "" ? [providerRegion] : [...new Set([...regions, "us-east-1"])];
        result.push({ resource, name, arns: candidates.map((region) => `arn:aws:lambda:${region}:${account}:function:${name}`) });
    }
    return result;
}

/** The execution role of a function, when it is a role of the stack. */
function executionRole(world: IamWorld, fn: ResourceView): IamPrincipal | undefined {
    const role = linked(world.stack, fn, "role", IAM.role, "arn").found[0];
    return role ? world.principal(role) : undefined;
}

export function lambdaEscalations(world: IamWorld, start: IamPrincipal): Escalation[] {
    const subject = start.subject;
    const account = subject.account;
    const who = `${start.kind} '${start.name}'`;
    const found: Escalation[] = [];
    const push = (method: string, steps: string[], decision: Decision) => found.push({ method, steps, conditional: decision === "conditional" });
    const canUpdate = mayAllow(subject, UPDATE_CODE);
    if (!canUpdate) return found;
    const functions = functionsOf(world, start);
    const anyFunction: Target = { arn: probeArn("lambda", account), phrase: `any Lambda function of account ${account}` };

    // Replace the code of a function whose role is more powerful than the principal.
    const own = adminFact(subject);
    const powerful: (Target & { then: string; conditional: boolean })[] = [];
    for (const fn of functions) {
        const role = executionRole(world, fn.resource);
        const fact = role && role.resource !== start.resource ? adminFact(role.subject) : undefined;
        if (!role || !fact || own?.level === "administrator" || own?.level === fact.level) continue;
        for (const arn of fn.arns) powerful.push({ arn, phrase: `Lambda function '${fn.name}'`, then: `run as its role '${role.name}', which ${powerText(fact)}`, conditional: fact.conditional });
    }
    const code = firstAllowed(subject, UPDATE_CODE, [...powerful, anyFunction]);
    if (code) {
        const target = powerful.find((t) => t === code.target);
        const then = target ? target.then : "run as the role that function runs as, whatever it may do";
        const decision = target?.conditional ? join(code.decision, "conditional") : code.decision;
        push(UPDATE_CODE, [`${who} can replace the code of ${code.target.phrase} (${UPDATE_CODE})`, then], decision);
    }

    // Give a function another role, then replace its code (PMapper: change config + code + pass role).
    if (!mayAllow(subject, UPDATE_CONFIGURATION) || !mayAllow(subject, "iam:PassRole")) return found;
    const roles: Target[] = world.roles().filter((r) => trusts(r, LAMBDA)).map((r) => ({ arn: r.arn, phrase: `role '${r.name}'` }));
    roles.push({ arn: probeArn("iam-role", account), phrase: `any role of account ${account} that ${LAMBDA} may assume` });
    const pass = firstAllowed(subject, "iam:PassRole", roles);
    if (!pass) return found;
    const targets: Target[] = [...functions.flatMap((fn) => fn.arns.map((arn) => ({ arn, phrase: `Lambda function '${fn.name}'` }))), anyFunction];
    for (const target of targets) {
        const configuration = firstAllowed(subject, UPDATE_CONFIGURATION, [target]);
        const replace = configuration && firstAllowed(subject, UPDATE_CODE, [target]);
        if (!configuration || !replace) continue;
        const decision = join(pass.decision, join(configuration.decision, replace.decision));
        push(`iam:PassRole + ${UPDATE_CONFIGURATION}`, [`${who} can pass ${pass.target.phrase} (iam:PassRole)`, `give ${target.phrase} that role and replace its code (${UPDATE_CONFIGURATION}, ${UPDATE_CODE})`], decision);
        break;
    }
    return found;
}

/**
 * Functions whose code the principal may replace but whose execution role the stack does not show
 * (declared elsewhere, or unknown in preview and not resolved through the graph): what the
 * principal could do as that role cannot be judged, and is reported as such rather than passed.
 */
export function lambdaNotes(world: IamWorld, start: IamPrincipal): Note[] {
    if (!mayAllow(start.subject, UPDATE_CODE)) return [];
    const who = `${start.kind} '${start.name}'`;
    const notes: Note[] = [];
    for (const fn of functionsOf(world, start)) {
        const role = linked(world.stack, fn.resource, "role", IAM.role, "arn");
        if (role.found.length > 0 || (!role.unknown && role.outside.length === 0)) continue;
        if (!firstAllowed(start.subject, UPDATE_CODE, fn.arns.map((arn) => ({ arn, phrase: "" })))) continue;
        notes.push(
            role.unknown
                ? { reason: `the execution role of Lambda function '${fn.name}', whose code ${who} may replace, is not known until the update runs`, preview: true }
                : { reason: `the execution role of Lambda function '${fn.name}' (${role.outside[0]}), whose code ${who} may replace, is not declared in this stack`, preview: false },
        );
    }
    return notes;
}
