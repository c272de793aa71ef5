// Over arbitrary IAM and Okta graphs (unknowns, secrets, wrong types, malformed and hostile policy
// documents, names and ARNs pointing anywhere), neither reach rule throws and no message carries
// a value that arrived as a secret.

import { strict as assert } from "node:assert";
import fc from "fast-check";
import { reachPolicies } from "../../../policies/reach";
import { messages, runStackPolicy, secret, unknown, urnOf, WireResource } from "../../helpers/policy-runtime";

const TYPES = [
    "aws:iam/user:User", "aws:iam/group:Group", "aws:iam/role:Role", "aws:iam/policy:Policy", "aws:iam/userPolicy:UserPolicy",
    "aws:iam/userPolicyAttachment:UserPolicyAttachment", "aws:iam/policyAttachment:PolicyAttachment", "aws:iam/groupMembership:GroupMembership",
    "aws:iam/userGroupMembership:UserGroupMembership", "aws:iam/groupPolicy:GroupPolicy", "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    "aws:iam/rolePolicy:RolePolicy", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:iam/accessKey:AccessKey",
    "aws:iam/userLoginProfile:UserLoginProfile", "okta:index/apiToken:ApiToken", "okta:app/oAuth:OAuth", "okta:user/user:User",
    "okta:index/userAdminRoles:UserAdminRoles", "okta:index/appOauthApiScope:AppOauthApiScope", "okta:app/oauthRoleAssignment:OauthRoleAssignment",
    "okta:index/apiServiceIntegration:ApiServiceIntegration", "aws:lambda/function:Function",
];

const KEYS = [
    "name", "arn", "path", "user", "users", "group", "groups", "role", "roles", "policy", "policyArn", "managedPolicyArns", "inlinePolicies",
    "permissionsBoundary", "assumeRolePolicy", "userId", "id", "adminRoles", "appId", "clientId", "scopes", "grantedScopes", "type", "Statement",
    "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "AWS", "Service", "Condition", "StringEquals",
];

const LEAVES = [
    unknown, "ci", "ops", "admins", "deploy", "*", "Allow", "Deny", "sts:AssumeRole", "iam:*", "iam:PassRole", "lambda:*", "s3:Get*", "sts:*",
    "arn:aws:iam::100000000030:role/deploy", "arn:aws:iam::*:role/*", "arn:aws:iam::100000000010:user/ci", "arn:aws:iam::aws:policy/AdministratorAccess",
    "arn:aws:iam::aws:policy/NoSuchPolicy", "arn:aws:iam::100000000010:policy/p", "arn:aws:iam::100000000010:root", "lambda.amazonaws.com",
    "iam:AddUserToGroup", "iam:PutGroupPolicy", "iam:AttachRolePolicy", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration",
    "arn:aws:iam::100000000010:group/admins", "arn:aws:lambda:eu-west-1:100000000010:function:f", "arn:aws:iam::100000000010:role/deploy",
    "SUPER_ADMIN", "okta.users.manage", "00u1", "", "{", '{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}',
    '{"Statement":[{"Effect":"Allow","NotAction":"iam:*","NotResource":"arn:aws:iam::100000000030:*"}]}',
];

const SECRET_VALUES = ["hunter2-secret-value", "AKIAIOSFODNN7EXAMPLE", "arn:aws:iam::100000000030:role/secret-role"];

const leaf = fc.oneof(fc.constantFrom(...LEAVES), fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null));

const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        leaf,
        leaf,
        fc.array(tie("value"), { maxLength: 3 }),
        fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 })), tie("value"), { maxKeys: 4 }),
        fc.constantFrom(...SECRET_VALUES).map((s) => secret(s)),
        // A string made from a secret is itself a secret, as the engine marks an output computed from one.
        tie("value").map((v) => {
            const text = JSON.stringify(v ?? null);
            return SECRET_VALUES.some((s) => text.includes(s)) ? secret(text) : text;
        }),
    ),
}));

const stackArbitrary = fc
    .record({
        stack: fc.constantFrom("test", "prod", "staging", "sandbox"),
        resources: fc.array(
            fc.record({ type: fc.constantFrom(...TYPES), props: fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 6 }), deps: fc.array(fc.tuple(fc.constantFrom(...KEYS), fc.nat(7)), { maxLength: 3 }) }),
            { minLength: 1, maxLength: 8 },
        ),
    })
    .map(({ stack, resources }) => {
        const urns = resources.map((r, i) => urnOf(r.type, `r${i}`, stack));
        return resources.map((r, i): WireResource => {
            const propertyDependencies: Record<string, string[]> = {};
            for (const [key, target] of r.deps) (propertyDependencies[key] ??= []).push(urns[target % urns.length]);
            return { type: r.type, name: `r${i}`, urn: urns[i], props: r.props as Record<string, unknown>, propertyDependencies };
        });
    });

describe("reach policies over arbitrary stacks", function () {
    this.timeout(300_000);
    for (const policy of reachPolicies) {
        it(`${policy.name} never throws and never prints a secret`, async () => {
            await fc.assert(
                fc.asyncProperty(stackArbitrary, async (wire) => {
                    const outcome = await runStackPolicy(policy, wire, {});
                    for (const message of messages(outcome)) {
                        assert.doesNotMatch(message, /could not evaluate/);
                        for (const secretValue of SECRET_VALUES) assert.ok(!message.includes(secretValue), message);
                    }
                }),
                { seed: 151515, numRuns: 150 },
            );
        });
    }
});
