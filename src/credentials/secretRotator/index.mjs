// The Lambda that rotates generated secrets: values no other system has to learn (signing keys,
// shared service tokens), which their consumers read from Secrets Manager when they use them.
// Secrets Manager calls it four times per rotation (createSecret, setSecret, testSecret,
// finishSecret); `rotate` is written against a narrow client so it is tested without AWS.
// Errors never carry a secret value.

const CURRENT = "AWSCURRENT";
const PENDING = "AWSPENDING";
export const VALUE_LENGTH = 48;

/**
 * One rotation step. `api` has the five Secrets Manager calls used here, taking and returning
 * the SDK's shapes.
 */
export async function rotate(api, event) {
    const { SecretId: secretId, ClientRequestToken: token, Step: step } = event;
    const description = await api.describeSecret({ SecretId: secretId });
    if (!description.RotationEnabled) throw new Error(`Secret ${secretId} does not have rotation enabled.`);
    const stages = description.VersionIdsToStages ?? {};
    const tokenStages = stages[token];
    if (!tokenStages) throw new Error(`Version ${token} of secret ${secretId} has no stage; it is not being rotated.`);
    // A retried step after finishSecret succeeded: the version is already current.
    if (tokenStages.includes(CURRENT)) return;
    if (!tokenStages.includes(PENDING)) throw new Error(`Version ${token} of secret ${secretId} is not ${PENDING}.`);
    switch (step) {
        case "createSecret":
            return createSecret(api, secretId, token);
        case "setSecret":
            // Consumers read the value from Secrets Manager: there is no other system to update.
            return;
        case "testSecret":
            return testSecret(api, secretId, token);
        case "finishSecret":
            return finishSecret(api, secretId, token, stages);
        default:
            throw new Error(`Unknown rotation step ${JSON.stringify(step)} for secret ${secretId}.`);
    }
}

async function pendingValue(api, secretId, token) {
    try {
        return await api.getSecretValue({ SecretId: secretId, VersionId: token, VersionStage: PENDING });
    } catch (error) {
        if (error?.name === "ResourceNotFoundException") return undefined;
        throw error;
    }
}

async function createSecret(api, secretId, token) {
    // Steps are retried: a value already written for this version is kept, not regenerated.
    if (await pendingValue(api, secretId, token)) return;
    const { RandomPassword: value } = await api.getRandomPassword({ PasswordLength: VALUE_LENGTH, ExcludePunctuation: true });
    await api.putSecretValue({ SecretId: secretId, ClientRequestToken: token, SecretString: value, VersionStages: [PENDING] });
}

async function testSecret(api, secretId, token) {
    const pending = await pendingValue(api, secretId, token);
    if (typeof pending?.SecretString !== "string" || pending.SecretString.length < VALUE_LENGTH) {
        throw new Error(`Version ${token} of secret ${secretId} has no ${VALUE_LENGTH}-character value; createSecret did not complete.`);
    }
}

async function finishSecret(api, secretId, token, stages) {
    // The first rotation of a new secret has no current version to move the stage from.
    const current = Object.keys(stages).find((version) => stages[version].includes(CURRENT));
    await api.updateSecretVersionStage({
        SecretId: secretId,
        VersionStage: CURRENT,
        MoveToVersionId: token,
        ...(current ? { RemoveFromVersionId: current } : {}),
    });
}

/** The Lambda entry point: the AWS SDK for JavaScript v3 ships with the Node.js runtimes. */
export async function handler(event) {
    const sdk = await import("@aws-sdk/client-secrets-manager");
    const client = new sdk.SecretsManagerClient({});
    const api = {
        describeSecret: (input) => client.send(new sdk.DescribeSecretCommand(input)),
        getSecretValue: (input) => client.send(new sdk.GetSecretValueCommand(input)),
        getRandomPassword: (input) => client.send(new sdk.GetRandomPasswordCommand(input)),
        putSecretValue: (input) => client.send(new sdk.PutSecretValueCommand(input)),
        updateSecretVersionStage: (input) => client.send(new sdk.UpdateSecretVersionStageCommand(input)),
    };
    await rotate(api, event);
}
