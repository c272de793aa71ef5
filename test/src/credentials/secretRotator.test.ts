import { strict as assert } from "node:assert";
import { RotationApi, VALUE_LENGTH, rotate } from "../../../src/credentials/secretRotator/index.mjs";

const SECRET = "arn:aws:secretsmanager:us-east-1:100000000030:secret:webhook-key-AbCdEf";

/** An in-memory Secrets Manager for one secret: versions, their stages and their values. */
class FakeSecretsManager implements RotationApi {
    readonly stages = new Map<string, string[]>();
    readonly values = new Map<string, string>();
    rotationEnabled = true;
    passwords = 0;

    /** What RotateSecret does before it calls the function: a new version staged AWSPENDING. */
    startRotation(token: string): void {
        this.stages.set(token, ["AWSPENDING"]);
    }
    async describeSecret() {
        return { RotationEnabled: this.rotationEnabled, VersionIdsToStages: Object.fromEntries([...this.stages].map(([v, s]) => [v, [...s]])) };
    }
    async getSecretValue(input: { VersionId?: string; VersionStage?: string }) {
        const version = input.VersionId ?? [...this.stages].find(([, s]) => s.includes(input.VersionStage ?? "AWSCURRENT"))?.[0];
        const value = version === undefined ? undefined : this.values.get(version);
        if (version === undefined || value === undefined || (input.VersionStage && !this.stages.get(version)?.includes(input.VersionStage))) {
            throw Object.assign(new Error("Secrets Manager can't find the specified secret value."), { name: "ResourceNotFoundException" });
        }
        return { SecretString: value };
    }
    async getRandomPassword(input: { PasswordLength: number }) {
        this.passwords++;
        return { RandomPassword: `${this.passwords}`.padEnd(input.PasswordLength, "x") };
    }
    async putSecretValue(input: { ClientRequestToken: string; SecretString?: string; VersionStages: string[] }) {
        this.values.set(input.ClientRequestToken, input.SecretString ?? "");
        this.stages.set(input.ClientRequestToken, input.VersionStages);
        return {};
    }
    async updateSecretVersionStage(input: { VersionStage: string; MoveToVersionId?: string; RemoveFromVersionId?: string }) {
        if (input.RemoveFromVersionId) this.stages.set(input.RemoveFromVersionId, ["AWSPREVIOUS"]);
        if (input.MoveToVersionId) this.stages.set(input.MoveToVersionId, [input.VersionStage]);
        return {};
    }
    current(): string | undefined {
        return [...this.stages].find(([, s]) => s.includes("AWSCURRENT"))?.[0];
    }
}

async function rotateFully(api: FakeSecretsManager, token: string): Promise<void> {
    api.startRotation(token);
    for (const Step of ["createSecret", "setSecret", "testSecret", "finishSecret"]) await rotate(api, { SecretId: SECRET, ClientRequestToken: token, Step });
}

describe("secret rotation function", () => {
    it("writes the first value of a new secret and makes it current", async () => {
        const api = new FakeSecretsManager();
        await rotateFully(api, "v1");
        assert.equal(api.current(), "v1");
        assert.equal(api.values.get("v1")?.length, VALUE_LENGTH);
    });

    it("replaces the current value on the next rotation and keeps the old one as previous", async () => {
        const api = new FakeSecretsManager();
        await rotateFully(api, "v1");
        await rotateFully(api, "v2");
        assert.equal(api.current(), "v2");
        assert.deepEqual(api.stages.get("v1"), ["AWSPREVIOUS"]);
        assert.notEqual(api.values.get("v2"), api.values.get("v1"));
    });

    it("keeps the value already written when Secrets Manager retries createSecret", async () => {
        const api = new FakeSecretsManager();
        api.startRotation("v1");
        const step = { SecretId: SECRET, ClientRequestToken: "v1", Step: "createSecret" };
        await rotate(api, step);
        await rotate(api, step);
        assert.equal(api.passwords, 1);
    });

    it("does nothing for a version that is already current", async () => {
        const api = new FakeSecretsManager();
        await rotateFully(api, "v1");
        await rotate(api, { SecretId: SECRET, ClientRequestToken: "v1", Step: "createSecret" });
        assert.equal(api.passwords, 1);
    });

    const refused: [string, (api: FakeSecretsManager) => void, string, string][] = [
        ["a secret whose rotation is disabled", (api) => (api.rotationEnabled = false), "createSecret", `Secret ${SECRET} does not have rotation enabled.`],
        ["a version Secrets Manager is not rotating", () => undefined, "createSecret", `Version v9 of secret ${SECRET} has no stage; it is not being rotated.`],
        ["a version that is not pending", (api) => api.stages.set("v9", ["AWSPREVIOUS"]), "createSecret", `Version v9 of secret ${SECRET} is not AWSPENDING.`],
        ["a test of a version createSecret never wrote", (api) => api.startRotation("v9"), "testSecret", `Version v9 of secret ${SECRET} has no 48-character value; createSecret did not complete.`],
        ["a step it does not know", (api) => api.startRotation("v9"), "destroySecret", `Unknown rotation step "destroySecret" for secret ${SECRET}.`],
    ];
    for (const [behaviour, arrange, Step, message] of refused) {
        it(`refuses ${behaviour}`, async () => {
            const api = new FakeSecretsManager();
            arrange(api);
            await assert.rejects(rotate(api, { SecretId: SECRET, ClientRequestToken: "v9", Step }), { message });
        });
    }
});
