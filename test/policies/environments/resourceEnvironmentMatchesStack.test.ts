import { strict as assert } from "node:assert";
import { resourceEnvironmentMatchesStack } from "../../../policies/environments/resourceEnvironmentMatchesStack";
import { awsProvider, bucket, stackReference, stackRoot, vpc } from "../../helpers/fixtures/environments";
import { messages, runStackPolicy, secret, unknown, WireResource } from "../../helpers/policy-runtime";

type Case = [behaviour: string, resources: () => WireResource[], expected: string[], config?: Record<string, unknown>];

const cases: Case[] = [
    [
        "blocks a resource tagged for staging in prod",
        () => [bucket({ tags: { Environment: "staging" } })],
        ["S3 bucket 'logs' in prod is tagged Environment=staging (staging); tag it Environment=prod, or move it to a stack of its environment."],
    ],
    [
        "matches the tag key and value case-insensitively",
        () => [bucket({ tags: { environment: "STAGING" } })],
        ["S3 bucket 'logs' in prod is tagged environment=STAGING (staging); tag it environment=prod, or move it to a stack of its environment."],
    ],
    [
        "reads tagsAll, AWS's own merge of default and resource tags",
        () => [bucket({ tags: undefined, tagsAll: { Environment: "test" } })],
        ["S3 bucket 'logs' in prod is tagged Environment=test (test); tag it Environment=prod, or move it to a stack of its environment."],
    ],
    [
        "lets a resource's own tag override the provider's default tag",
        () => [bucket({ tags: { Environment: "staging" } }, { provider: awsProvider() })],
        ["S3 bucket 'logs' in prod is tagged Environment=staging (staging); tag it Environment=prod, or move it to a stack of its environment."],
    ],
    [
        "reports default tags of another environment once, on the provider",
        () => {
            const provider = awsProvider({ defaultTags: { tags: { Environment: "staging" } } });
            return [bucket({ tags: undefined }, { provider, name: "a" }), vpc({ tags: {} }, { provider })];
        },
        ["AWS provider 'aws' in prod sets default tag Environment=staging (staging) on every resource it manages; set it to Environment=prod, or deploy those resources from a stack of their environment."],
    ],
    [
        "reads default tags kept as a JSON string, as exported state does",
        () => [awsProvider({ defaultTags: JSON.stringify({ tags: { Environment: "test" } }) })],
        ["AWS provider 'aws' in prod sets default tag Environment=test (test) on every resource it manages; set it to Environment=prod, or deploy those resources from a stack of their environment."],
    ],
    [
        "blocks a tag that names no environment at all",
        () => [bucket({ tags: { Environment: "production" } })],
        ["S3 bucket 'logs' in prod is tagged Environment=production, which names no environment (test, staging, prod); tag it Environment=prod."],
    ],
    [
        "reads the configured environment tag key",
        () => [bucket({ tags: { Environment: "prod", env: "staging" } })],
        ["S3 bucket 'logs' in prod is tagged env=staging (staging); tag it env=prod, or move it to a stack of its environment."],
        { tagKeys: { environment: "env", owner: "Owner" } },
    ],
    [
        "ignores the stack's own exports, even one named tags",
        () => [{ ...stackRoot(), props: { tags: { Environment: "staging" } } }],
        [],
    ],
    ["passes resources tagged for prod and resources with no environment tag", () => [bucket(), bucket({ tags: { Team: "platform" } }, { name: "other" }), awsProvider()], []],
    [
        "blocks a tag computed from staging's stack during preview",
        () => {
            const staging = stackReference({ name: "acme/network/staging" });
            return [staging, bucket({ tags: { Environment: unknown } }, { dependsOn: { tags: [staging] } })];
        },
        ["S3 bucket 'logs' in prod takes its Environment tag from stack reference 'network' (staging: stack acme/network/staging); tag it Environment=prod."],
    ],
    [
        "cannot verify a tag unknown during preview that nothing in the stack computes",
        () => [bucket({ tags: { Environment: unknown } })],
        [
            "S3 bucket 'logs' in prod has tagsAll unknown during preview and no resource in this stack computes it; cannot verify during preview that its Environment tag is prod: set it from a literal, config or a resource of this stack, or check the exported state after the update.",
        ],
    ],
];

describe("resource-environment-matches-stack", () => {
    for (const [behaviour, resources, expected, config] of cases) {
        it(behaviour, async () => assert.deepEqual(messages(await runStackPolicy(resourceEnvironmentMatchesStack, resources(), { config })), expected));
    }

    it("never prints a tag value that arrived as a secret", async () => {
        const outcome = await runStackPolicy(resourceEnvironmentMatchesStack, [bucket({ tags: { Environment: secret("staging-hidden") } })]);
        assert.deepEqual(messages(outcome), [
            "S3 bucket 'logs' in prod is tagged Environment=a secret value, which names no environment (test, staging, prod); tag it Environment=prod.",
        ]);
    });

    it("reports on the resource's URN", async () => {
        const tagged = bucket({ tags: { Environment: "test" } });
        assert.equal((await runStackPolicy(resourceEnvironmentMatchesStack, [tagged])).violations[0].urn, tagged.urn);
    });
});
