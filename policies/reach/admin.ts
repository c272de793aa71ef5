// Whether a principal is administrator-equivalent: allowed, on every resource of its account,
// representative actions of every kind (compute, storage, keys, secrets, audit) and of IAM itself.
// A principal allowed all of them but no IAM write is a "power user" (AWS's PowerUserAccess):
// every service's data and workloads, short only of changing IAM, and judged as broad too.

import { statementCovers } from "./iam/actions";
import { allowStatements } from "./iam/documents";
import { decide, Subject } from "./iam/simulate";
import { probeArn } from "./probes";

const SERVICE_PROBES: readonly [action: string, service: string][] = [
    ["ec2:RunInstances", "ec2"],
    ["s3:DeleteBucket", "s3"],
    // Not kms:Decrypt: a key's own policy must admit the principal too, whatever IAM grants.
    ["kms:CreateKey", "*"],
    ["secretsmanager:GetSecretValue", "secretsmanager"],
    ["lambda:UpdateFunctionCode", "lambda"],
    ["dynamodb:DeleteTable", "dynamodb"],
    ["cloudtrail:StopLogging", "cloudtrail"],
];

const IAM_PROBES: readonly [action: string, service: string][] = [
    ["iam:CreateUser", "iam-user"],
    ["iam:AttachRolePolicy", "iam-role"],
    ["iam:PutUserPolicy", "iam-user"],
];

export interface AdminFact {
    readonly level: "administrator" | "power-user";
    /** The policies whose statements grant the probed actions, as messages name them. */
    readonly through: readonly string[];
    readonly conditional: boolean;
}

function allAllowed(subject: Subject, probes: readonly (readonly [string, string])[]): "allowed" | "conditional" | "denied" {
    let conditional = false;
    for (const [action, service] of probes) {
        const decision = decide(subject, { action, resource: probeArn(service, subject.account), account: subject.account });
        if (decision === "denied") return "denied";
        if (decision === "conditional") conditional = true;
    }
    return conditional ? "conditional" : "allowed";
}

const facts = new WeakMap<Subject, AdminFact | null>();

/** Once per principal: several credentials may reach the same role. */
export function adminFact(subject: Subject): AdminFact | undefined {
    let fact = facts.get(subject);
    if (fact === undefined) facts.set(subject, (fact = computeAdminFact(subject) ?? null));
    return fact ?? undefined;
}

function computeAdminFact(subject: Subject): AdminFact | undefined {
    const statements = allowStatements(subject.identity);
    // Cheap first: some allow statement must cover each probe before the evaluator is asked.
    if (!SERVICE_PROBES.every(([action]) => statements.some(({ statement }) => statementCovers(statement, action)))) return undefined;
    const services = allAllowed(subject, SERVICE_PROBES);
    if (services === "denied") return undefined;
    const iam = allAllowed(subject, IAM_PROBES);
    const level = iam === "denied" ? "power-user" : "administrator";
    const probes = level === "administrator" ? [...SERVICE_PROBES, ...IAM_PROBES] : SERVICE_PROBES;
    const through = [...new Set(statements.filter(({ statement }) => probes.some(([action]) => statementCovers(statement, action))).map(({ policy }) => policy.label))];
    return { level, through, conditional: services === "conditional" || (level === "administrator" && iam === "conditional") };
}
