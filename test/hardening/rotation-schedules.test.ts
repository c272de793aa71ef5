// Rotation schedules judged by what they really do, through the real CLI and pack (one
// `blastwall check --state` of a prod export holding every case): a Secrets Manager cron()
// schedule by the longest gap between two of its runs (day-31 schedules skip the short months,
// MON#5 skips the months without a fifth Monday), a schedule that never runs, cannot be read or
// stops fails closed, and a time.Rotating counted in months or years by its longest run, whatever
// day it started on.

import { strict as assert } from "node:assert";
import { json, JsonReport, runCli } from "../cli/e2e/cli";
import { ExportedResource, stateFile } from "./state-export";

function secretWithSchedule(name: string, scheduleExpression: string): ExportedResource[] {
    const arn = `arn:aws:secretsmanager:us-east-1:100000000030:secret:${name}-AbCdEf`;
    const secret: ExportedResource = {
        type: "aws:secretsmanager/secret:Secret",
        name,
        outputs: { arn, name, tags: { Environment: "prod", Owner: "platform-team" } },
        created: "2024-01-10T00:00:00Z",
    };
    const rotation: ExportedResource = {
        type: "aws:secretsmanager/secretRotation:SecretRotation",
        name: `${name}-rotation`,
        outputs: { secretId: arn, rotationEnabled: true, rotationLambdaArn: "arn:aws:lambda:us-east-1:100000000030:function:rotate", rotationRules: { scheduleExpression } },
        dependsOn: [secret],
    };
    return [secret, rotation];
}

const USER: ExportedResource = { type: "aws:iam/user:User", name: "ci", outputs: { name: "ci", arn: "arn:aws:iam::100000000030:user/ci", tags: { Owner: "platform-team" } } };

/** An access key re-issued by a time.Rotating created at `rfc3339`, as the provider stores it. */
function keyWithRotating(name: string, rfc3339: string, period: Record<string, number>, next: string): ExportedResource[] {
    const rotating: ExportedResource = {
        type: "time:index/rotating:Rotating",
        name: `${name}-rotation`,
        outputs: { id: rfc3339, rfc3339, ...period, rotationRfc3339: next },
        created: rfc3339,
    };
    const key: ExportedResource = {
        type: "aws:iam/accessKey:AccessKey",
        name,
        outputs: { user: "ci", status: "Active", createDate: rfc3339 },
        created: rfc3339,
        dependsOn: [USER, rotating],
    };
    return [rotating, key];
}

interface Case {
    readonly name: string;
    readonly behaviour: string;
    readonly resources: ExportedResource[];
    /** The start of the one credential-rotation-enabled finding, or undefined for none. */
    readonly expected?: string;
}

const SECRET = (name: string) => `Secrets Manager secret '${name}' in prod`;
const FAILS_CLOSED = (name: string, reason: string) =>
    `${SECRET(name)} does not rotate automatically within the 90-day limit (its SecretRotation scheduleExpression ${reason}); `;

const CASES: Case[] = [
    {
        name: "day-31",
        behaviour: "blocks a day-31 schedule, which skips every 30-day month: 184 days at worst",
        resources: secretWithSchedule("day-31", "cron(0 0 31 JAN,MAR,MAY,JUL,SEP,NOV ? *)"),
        expected: `${SECRET("day-31")} rotates every 184 days (its SecretRotation schedule, at the longest gap between two of its runs), slower than the 90-day limit; `,
    },
    { name: "fifth-monday", behaviour: "blocks the fifth Monday, which most months lack: 119 days at worst", resources: secretWithSchedule("fifth-monday", "cron(0 12 ? * MON#5 *)"), expected: `${SECRET("fifth-monday")} rotates every 119 days` },
    { name: "leap-day", behaviour: "blocks the 29th of February (eight years across 2100)", resources: secretWithSchedule("leap-day", "cron(0 0 29 FEB ? *)"), expected: `${SECRET("leap-day")} rotates every 2921 days` },
    { name: "never", behaviour: "fails closed on a schedule that never runs", resources: secretWithSchedule("never", "cron(0 0 30 FEB ? *)"), expected: FAILS_CLOSED("never", "never runs: no day in a 400-year calendar cycle matches it") },
    {
        name: "both-days",
        behaviour: "fails closed on a schedule AWS would refuse",
        resources: secretWithSchedule("both-days", "cron(0 0 1 * MON *)"),
        expected: FAILS_CLOSED("both-days", "must have ? in exactly one of day-of-month and day-of-week, as AWS requires"),
    },
    {
        name: "some-years",
        behaviour: "fails closed on a schedule limited to some years",
        resources: secretWithSchedule("some-years", "cron(0 0 1 * ? 2024-2026)"),
        expected: FAILS_CLOSED("some-years", "stops after its last run on 2026-12-01 (its year field is 2024-2026), so it does not keep rotating"),
    },
    { name: "monthly", behaviour: "passes a monthly schedule on the 1st", resources: secretWithSchedule("monthly", "cron(0 0 1 * ? *)") },
    { name: "every-other-month", behaviour: "passes every other month (62 days at worst)", resources: secretWithSchedule("every-other-month", "cron(0 0 1 */2 ? *)") },
    { name: "rate", behaviour: "passes a rate in days", resources: secretWithSchedule("rate", "rate(30 days)") },
    { name: "last-saturday", behaviour: "passes the last Saturday of each month", resources: secretWithSchedule("last-saturday", "cron(0 3 ? * 7L *)") },
    { name: "saturdays", behaviour: "reads a lone L in day-of-week as Saturday, as AWS does", resources: secretWithSchedule("saturdays", "cron(0 3 ? * L *)") },
    {
        name: "quarterly-key",
        behaviour: "blocks a Rotating of three months that started in February (89 days this time, 92 at worst)",
        resources: keyWithRotating("quarterly-key", "2023-02-01T00:00:00Z", { rotationMonths: 3 }, "2023-05-01T00:00:00Z"),
        expected: "Access key 'quarterly-key' in prod rotates every 92 days (time.Rotating 'quarterly-key-rotation'), slower than the 90-day limit; ",
    },
    {
        name: "bimonthly-key",
        behaviour: "passes a Rotating of two months (62 days at worst)",
        resources: keyWithRotating("bimonthly-key", "2023-02-01T00:00:00Z", { rotationMonths: 2 }, "2023-04-01T00:00:00Z"),
    },
];

describe("hardening: rotation schedules are judged by their longest real gap (blastwall check --state)", function () {
    this.timeout(180_000);
    let report: JsonReport;

    before(async () => {
        const result = await runCli(["check", "--state", stateFile([USER, ...CASES.flatMap((c) => c.resources)]), "--at", "2023-03-01", "--format", "json"]);
        assert.ok(result.code === 0 || result.code === 1, `exit ${result.code}: ${result.stderr}`);
        report = json(result);
    });

    for (const c of CASES) {
        it(`${c.behaviour}`, () => {
            const messages = report.stacks.flatMap((s) => s.findings.filter((f) => f.policy === "credential-rotation-enabled" && f.resourceName === c.name).map((f) => f.message));
            if (c.expected === undefined) {
                assert.deepEqual(messages, []);
            } else {
                assert.equal(messages.length, 1, messages.join("\n"));
                assert.ok(messages[0].startsWith(c.expected), `${messages[0]}\n  expected to start with\n${c.expected}`);
            }
        });
    }
});
