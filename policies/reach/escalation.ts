// Privilege-escalation paths of a principal, from the published methods (Rhino Security Labs'
// AWS IAM privilege escalation methods, as PMapper and Cloudsplaining check them): take over
// another user's credentials, grant itself more, rewrite a policy or a trust, pass a role to a
// service it can start, or assume a more privileged role. Each path is a list of steps naming the
// resources, shortest first. The evaluator decides every step.

import type { ResourceView } from "../lib/model";
import { getString } from "../lib/props";
import { adminFact } from "./admin";
import { Decision, decide, Subject } from "./iam/simulate";
import type { IamPrincipal, IamWorld } from "./iam/world";
import { IAM } from "./iam/links";
import { probeArn } from "./probes";
import { ASSUME_ROLE, Hop, mayAllow } from "./roles";

export interface Escalation {
    /** "iam:CreateAccessKey", "iam:PassRole + lambda:CreateFunction", "sts:AssumeRole". */
    readonly method: string;
    /** Each step a phrase naming resources: "create an access key for user 'ops' (iam:CreateAccessKey)". */
    readonly steps: readonly string[];
    readonly conditional: boolean;
}

interface Target {
    readonly arn: string;
    readonly phrase: string;
}

/** A list built on first use, then kept. */
function once<T>(build: () => T): () => T {
    let built: { value: T } | undefined;
    return () => (built ??= { value: build() }).value;
}

function join(a: Decision, b: Decision): Decision {
    if (a === "denied" || b === "denied") return "denied";
    return a === "conditional" || b === "conditional" ? "conditional" : "allowed";
}

/**
 * The first target on which `action` is allowed: named resources first, then any of the account.
 * The targets are listed only once some allow statement could cover the action: listing every
 * user, policy and role of the stack for every principal cost n² on a large stack.
 */
function firstAllowed(subject: Subject, action: string, targets: () => readonly Target[]): { target: Target; decision: Decision } | undefined {
    if (!mayAllow(subject, action)) return undefined;
    for (const target of targets()) {
        const decision = decide(subject, { action, resource: target.arn, account: subject.account });
        if (decision !== "denied") return { target, decision };
    }
    return undefined;
}

function arnOf(resource: ResourceView, kind: string, account: string): string {
    const arn = getString(resource.props, "arn");
    if (typeof arn === "string" && arn.startsWith("arn:")) return arn;
    const name = getString(resource.props, "name");
    return `arn:aws:iam::${account}:${kind}/${typeof name === "string" ? name : resource.name}`;
}

const USER_METHODS: readonly [action: string, verb: string][] = [
    ["iam:CreateAccessKey", "create an access key for"],
    ["iam:CreateLoginProfile", "create a console password for"],
    ["iam:UpdateLoginProfile", "reset the console password of"],
];

const SERVICES: readonly { name: string; principal: string; start: readonly [string, string][] }[] = [
    { name: "a Lambda function", principal: "lambda.amazonaws.com", start: [["lambda:CreateFunction", "lambda"], ["lambda:InvokeFunction", "lambda"]] },
    { name: "an EC2 instance", principal: "ec2.amazonaws.com", start: [["ec2:RunInstances", "ec2"]] },
    { name: "an ECS task", principal: "ecs-tasks.amazonaws.com", start: [["ecs:RegisterTaskDefinition", "*"], ["ecs:RunTask", "ecs"]] },
    { name: "a Glue development endpoint", principal: "glue.amazonaws.com", start: [["glue:CreateDevEndpoint", "glue"]] },
    { name: "a CloudFormation stack", principal: "cloudformation.amazonaws.com", start: [["cloudformation:CreateStack", "cloudformation"]] },
    { name: "a CodeBuild project", principal: "codebuild.amazonaws.com", start: [["codebuild:CreateProject", "codebuild"], ["codebuild:StartBuild", "codebuild"]] },
];

function trusts(role: IamPrincipal, servicePrincipal: string): boolean {
    return role.trust !== undefined && JSON.stringify(role.trust).includes(servicePrincipal);
}

export function escalations(world: IamWorld, start: IamPrincipal, hops: readonly Hop[]): Escalation[] {
    const subject = start.subject;
    const account = subject.account;
    const found: Escalation[] = [];
    const who = `${start.kind} '${start.name}'`;
    const push = (method: string, steps: string[], decision: Decision) => found.push({ method, steps, conditional: decision === "conditional" });

    if (subject.identity.length > 0) {
        const users = once((): Target[] => [
            ...world.users.filter((u) => u !== start.resource).map((u) => ({ arn: arnOf(u, "user", account), phrase: `user '${world.principal(u).name}'` })),
            { arn: probeArn("iam-user", account), phrase: `any user of account ${account}` },
        ]);
        for (const [action, verb] of USER_METHODS) {
            const hit = firstAllowed(subject, action, users);
            if (hit) push(action, [`${who} can ${verb} ${hit.target.phrase} (${action})`], hit.decision);
        }
        for (const action of ["iam:AttachUserPolicy", "iam:PutUserPolicy"]) {
            const hit = firstAllowed(subject, action, () => [{ arn: start.arn, phrase: "itself" }]);
            if (hit) push(action, [`${who} can ${action === "iam:AttachUserPolicy" ? "attach any policy to" : "write an inline policy on"} itself (${action})`], hit.decision);
        }
        const policies = once((): Target[] => [
            ...world.stack.resources.filter((r) => r.type === IAM.policy).map((p) => ({ arn: arnOf(p, "policy", account), phrase: `policy '${p.name}'` })),
            { arn: probeArn("iam-policy", account), phrase: `any customer managed policy of account ${account}` },
        ]);
        for (const action of ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"]) {
            const hit = firstAllowed(subject, action, policies);
            const verb = action === "iam:CreatePolicyVersion" ? "write a new default version of" : "switch the default version of";
            if (hit) push(action, [`${who} can ${verb} ${hit.target.phrase} (${action})`], hit.decision);
        }
        const roles = (): Target[] => [...world.roles().map((r) => ({ arn: r.arn, phrase: `role '${r.name}'` })), { arn: probeArn("iam-role", account), phrase: `any role of account ${account}` }];
        const trust = firstAllowed(subject, "iam:UpdateAssumeRolePolicy", roles);
        if (trust) {
            const assume = decide(subject, { action: ASSUME_ROLE, resource: trust.target.arn, account });
            const decision = join(trust.decision, assume);
            if (decision !== "denied") push("iam:UpdateAssumeRolePolicy", [`${who} can rewrite the trust policy of ${trust.target.phrase} (iam:UpdateAssumeRolePolicy)`, `assume it (sts:AssumeRole)`], decision);
        }
        if (mayAllow(subject, "iam:PassRole")) {
            for (const service of SERVICES) {
                const candidates = (): Target[] => [
                    ...world.roles().filter((r) => trusts(r, service.principal)).map((r) => ({ arn: r.arn, phrase: `role '${r.name}'` })),
                    { arn: probeArn("iam-role", account), phrase: `any role of account ${account} that ${service.principal} may assume` },
                ];
                const pass = firstAllowed(subject, "iam:PassRole", candidates);
                if (!pass) continue;
                let decision = pass.decision;
                for (const [action, kind] of service.start) decision = join(decision, decide(subject, { action, resource: probeArn(kind, account), account }));
                if (decision === "denied") continue;
                const actions = service.start.map(([a]) => a).join(", ");
                push(`iam:PassRole + ${service.start[0][0]}`, [`${who} can pass ${pass.target.phrase} (iam:PassRole)`, `start ${service.name} that runs as it (${actions})`], decision);
            }
        }
    }
    for (const hop of hops) {
        if (hop.target.kind !== "stack") continue;
        const role = hop.target.role;
        const admin = adminFact(role.subject);
        if (!admin || admin.level !== "administrator") continue;
        const chain = [...hop.via.map((r) => `assume role '${r.name}' (sts:AssumeRole)`), `assume role '${role.name}', which is administrator-equivalent (sts:AssumeRole)`];
        push(ASSUME_ROLE, [`${who} can ${chain[0]}`, ...chain.slice(1)], hop.conditional || admin.conditional ? "conditional" : "allowed");
    }
    return found.sort((a, b) => a.steps.length - b.steps.length);
}
