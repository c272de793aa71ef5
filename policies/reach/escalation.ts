// Privilege-escalation paths of a principal, from the published methods (Rhino Security Labs'
// AWS IAM privilege escalation methods, as PMapper and Cloudsplaining check them): take over
// another user's credentials, grant itself (or a group it is in, or a role it can assume) more,
// rewrite a policy or a trust, pass a role to a service it can start, replace the code of a
// function that runs as a more powerful role, or assume a more privileged role. Each path is a
// list of steps naming the resources, shortest first. The evaluator decides every step.

import { adminFact } from "./admin";
import { Decision, decide } from "./iam/simulate";
import type { IamPrincipal, IamWorld } from "./iam/world";
import { IAM } from "./iam/links";
import { probeArn } from "./probes";
import { ASSUME_ROLE, Hop, mayAllow } from "./roles";
import { groupEscalations } from "./escalation-groups";
import { lambdaEscalations } from "./escalation-lambda";
import { arnOf, firstAllowed, join, once, Target, trusts } from "./targets";

export interface Escalation {
    /** "iam:CreateAccessKey", "iam:PassRole + lambda:CreateFunction", "sts:AssumeRole". */
    readonly method: string;
    /** Each step a phrase naming resources: "create an access key for user 'ops' (iam:CreateAccessKey)". */
    readonly steps: readonly string[];
    readonly conditional: boolean;
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
        found.push(...groupEscalations(world, start), ...lambdaEscalations(world, start));
    }
    for (const hop of hops) {
        if (hop.target.kind !== "stack") continue;
        const role = hop.target.role;
        const admin = adminFact(role.subject);
        if (!admin || admin.level !== "administrator") continue;
        const chain = [...hop.via.map((r) => `assume role '${r.name}' (sts:AssumeRole)`), `assume role '${role.name}', which is administrator-equivalent (sts:AssumeRole)`];
        push(ASSUME_ROLE, [`${who} can ${chain[0]}`, ...chain.slice(1)], hop.conditional || admin.conditional ? "conditional" : "allowed");
    }
    found.push(...rolePolicyEscalations(start, hops));
    return found.sort((a, b) => a.steps.length - b.steps.length);
}

const ROLE_POLICY_METHODS: readonly [action: string, verb: string][] = [
    ["iam:AttachRolePolicy", "attach any policy to"],
    ["iam:PutRolePolicy", "write an inline policy on"],
];

/** Rhino Security Labs' methods 9 and 12: grant more to a role of the stack it can assume, then assume it. */
function rolePolicyEscalations(start: IamPrincipal, hops: readonly Hop[]): Escalation[] {
    const subject = start.subject;
    const found: Escalation[] = [];
    for (const [action, verb] of ROLE_POLICY_METHODS) {
        if (!mayAllow(subject, action)) continue;
        for (const hop of hops) {
            if (hop.target.kind !== "stack") continue;
            const role = hop.target.role;
            // Assuming an administrator role is its own, shorter path.
            if (adminFact(role.subject)?.level === "administrator") continue;
            const decision = join(decide(subject, { action, resource: role.arn, account: subject.account }), hop.conditional ? "conditional" : "allowed");
            if (decision === "denied") continue;
            const assume = hop.via.length === 0 ? ["assume it (sts:AssumeRole)"] : [...hop.via.map((r) => `assume role '${r.name}' (sts:AssumeRole)`), `assume role '${role.name}' (sts:AssumeRole)`];
            found.push({ method: action, steps: [`${start.kind} '${start.name}' can ${verb} role '${role.name}' (${action})`, ...assume], conditional: decision === "conditional" });
            break;
        }
    }
    return found;
}
