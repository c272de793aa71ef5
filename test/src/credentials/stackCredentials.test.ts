// The credentials each shipped stack declares, under strict mocks: every one rotates and has an
// owner, in the form the policy pack reads (the resource graph, tags, Okta resource owners).

import { strict as assert } from "node:assert";
import { shippedPlan } from "../../../policies/lib/plan";
import { DEFAULT_ROTATION_DAYS, MAX_ROTATION_DAYS } from "../../../src/credentials/limits";
import type { CredentialSpecs } from "../../../src/settings";
import type { CapturedResource, StackCapture } from "../harness/capture";
import { stackConfig } from "../harness/stackConfig";
import { STACKS, shippedStack } from "../harness/stackRuns";
import { CaptureView } from "../harness/view";

for (const stack of STACKS) {
    describe(`credentials of stack ${stack} under mocks`, () => {
        const specs = JSON.parse(stackConfig(stack)["blastwall:credentials"]) as CredentialSpecs;
        let capture: StackCapture;
        let view: CaptureView;
        before(async () => {
            capture = await shippedStack(stack);
            view = new CaptureView(capture);
        });
        const tagsOf = (r: CapturedResource) => view.inputs(r).tags as Record<string, string>;

        it("deploys every credential its stack file lists, and no other", () => {
            assert.deepEqual(
                ["aws:iam/accessKey:AccessKey", "aws:secretsmanager/secret:Secret", "okta:app/oAuth:OAuth"].map((t) => view.ofType(t).map((r) => r.name)),
                [specs.accessKeys.map((s) => s.name), specs.secrets.map((s) => s.name), specs.oktaServiceApps.map((s) => s.name)],
            );
        });

        for (const spec of specs.accessKeys) {
            it(`replaces access key '${spec.name}' with a time.Rotating of ${spec.rotationDays ?? DEFAULT_ROTATION_DAYS} days`, () => {
                const key = view.one("aws:iam/accessKey:AccessKey", spec.name);
                const rotation = view.one("time:index/rotating:Rotating", spec.name);
                assert.ok(key.dependencies.includes(rotation.urn));
                assert.deepEqual(key.replaceWith, [rotation.urn]);
                const days = view.inputs(rotation).rotationDays as number;
                assert.equal(days, spec.rotationDays ?? DEFAULT_ROTATION_DAYS);
                assert.ok(days <= MAX_ROTATION_DAYS);
            });

            it(`gives access key '${spec.name}' its owner through its service user`, () => {
                const key = view.one("aws:iam/accessKey:AccessKey", spec.name);
                const [user] = view.propertySources(key, "user");
                assert.equal(user.type, "aws:iam/user:User");
                assert.equal(tagsOf(user).Owner, spec.owner);
                assert.equal((view.outputs(user).tagsAll as Record<string, string>).Owner, spec.owner);
                const attached = view.ofType("aws:iam/userPolicyAttachment:UserPolicyAttachment").filter((a) => view.propertySources(a, "user")[0]?.urn === user.urn);
                assert.deepEqual(attached.map((a) => view.inputs(a).policyArn), spec.policyArns ?? []);
            });

            it(`limits access key '${spec.name}''s user to its listed actions in its own account`, () => {
                const policies = view.ofType("aws:iam/userPolicy:UserPolicy").filter((p) => p.name === `${spec.name}-least-privilege`);
                assert.equal(policies.length, spec.actions ? 1 : 0);
                if (!spec.actions) return;
                const document = JSON.parse(view.inputs(policies[0]).policy as string) as { Statement: { Action: string[]; Resource: string; Condition: unknown }[] };
                assert.deepEqual(document.Statement[0].Action, spec.actions);
                assert.deepEqual(document.Statement[0].Condition, { StringEquals: { "aws:ResourceAccount": shippedPlan[stack].awsAccountIds[0] } });
            });

            it(`keeps access key '${spec.name}''s secret a secret`, () => {
                const key = view.one("aws:iam/accessKey:AccessKey", spec.name);
                assert.ok(key.additionalSecretOutputs.includes("secret"));
                assert.deepEqual(Object.keys(view.inputs(key)), ["user"]);
            });
        }

        for (const spec of specs.secrets) {
            it(`rotates secret '${spec.name}' every ${spec.rotationDays ?? DEFAULT_ROTATION_DAYS} days through the environment's rotation function`, () => {
                const secret = view.one("aws:secretsmanager/secret:Secret", spec.name);
                const rotation = view.one("aws:secretsmanager/secretRotation:SecretRotation", spec.name);
                assert.deepEqual(view.propertySources(rotation, "secretId").map((r) => r.urn), [secret.urn]);
                const inputs = view.inputs(rotation);
                assert.deepEqual(inputs.rotationRules, { automaticallyAfterDays: spec.rotationDays ?? DEFAULT_ROTATION_DAYS });
                assert.equal(inputs.rotateImmediately, true);
                const [fn] = view.propertySources(rotation, "rotationLambdaArn");
                assert.equal(fn.type, "aws:lambda/function:Function");
                const permission = view.one("aws:lambda/permission:Permission", spec.name);
                assert.deepEqual(view.propertySources(permission, "sourceArn").map((r) => r.urn), [secret.urn]);
                assert.equal(view.inputs(permission).principal, "secretsmanager.amazonaws.com");
            });

            it(`gives secret '${spec.name}' its owner`, () => {
                assert.equal(tagsOf(view.one("aws:secretsmanager/secret:Secret", spec.name)).Owner, spec.owner);
            });
        }

        if (specs.secrets.length > 0) {
            it("never passes a secret value through Pulumi: the rotation function writes every value", () => {
                assert.deepEqual(view.ofType("aws:secretsmanager/secretVersion:SecretVersion"), []);
                const fn = view.one("aws:lambda/function:Function");
                assert.match(JSON.stringify(fn.inputs.code), /"index\.mjs"/);
            });

            it("lets the rotation function touch only this environment's blastwall secrets", () => {
                const policy = view.inputs(view.ofType("aws:iam/rolePolicy:RolePolicy").find((p) => p.parent.endsWith("SecretRotator::secret-rotator"))!);
                const statement = (JSON.parse(String(policy.policy)) as { Statement: { Resource: string; Condition?: unknown }[] }).Statement[0];
                assert.equal(statement.Resource, `arn:aws:secretsmanager:${shippedPlan[stack].region}:${shippedPlan[stack].awsAccountIds[0]}:secret:*`);
                assert.deepEqual(statement.Condition, { StringEquals: { "aws:ResourceTag/Environment": stack, "aws:ResourceTag/ManagedBy": "pulumi/blastwall" } });
            });
        }

        for (const spec of specs.oktaServiceApps) {
            it(`authenticates Okta service app '${spec.name}' with private_key_jwt and no client secret`, () => {
                const inputs = view.inputs(view.one("okta:app/oAuth:OAuth", spec.name));
                assert.deepEqual(
                    [inputs.type, inputs.tokenEndpointAuthMethod, inputs.grantTypes, inputs.omitSecret],
                    ["service", "private_key_jwt", ["client_credentials"], true],
                );
                assert.equal(inputs.clientBasicSecret, undefined);
            });

            it(`re-creates the key pair of Okta service app '${spec.name}' on a time.Rotating, its public key and key id in jwks`, () => {
                const app = view.one("okta:app/oAuth:OAuth", spec.name);
                const [key] = view.propertySources(app, "jwks");
                assert.equal(key.type, "tls:index/privateKey:PrivateKey");
                const rotation = view.one("time:index/rotating:Rotating", `${spec.name}-key`);
                assert.ok(key.dependencies.includes(rotation.urn), "the key depends on its Rotating");
                assert.equal(view.inputs(rotation).rotationDays, spec.rotationDays ?? 30);
                const [jwk] = view.inputs(app).jwks as { kty: string; kid: string; n: string; e: string }[];
                assert.deepEqual([jwk.kty, typeof jwk.kid, jwk.e], ["RSA", "string", "AQAB"]);
            });

            it(`records the owner of Okta service app '${spec.name}' in Okta`, () => {
                const app = view.one("okta:app/oAuth:OAuth", spec.name);
                const owner = view.one("okta:index/resourceOwner:ResourceOwner", spec.name);
                assert.deepEqual(view.propertySources(owner, "resourceOrns").map((r) => r.urn), [app.urn]);
                const [group] = view.propertySources(owner, "principalOrns");
                assert.equal(view.inputs(group).name, spec.owner);
                const { resourceOrns, principalOrns } = view.inputs(owner) as { resourceOrns: string[]; principalOrns: string[] };
                assert.match(resourceOrns[0], new RegExp(`^orn:okta:idp:00o[0-9a-f]+:apps:oidc_client:${app.id}$`));
                assert.match(principalOrns[0], new RegExp(`^orn:okta:directory:00o[0-9a-f]+:groups:${group.id}$`));
            });
        }

        it("shares one Okta owner group per team", () => {
            const owners = new Set(specs.oktaServiceApps.map((s) => s.owner));
            assert.deepEqual(view.ofType("okta:group/group:Group").map((g) => view.inputs(g).name).sort(), [...owners].sort());
        });
    });
}
