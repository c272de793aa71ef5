// Answers to the data sources (invokes) a program calls under mocks. Three kinds of answer:
//   - faithful: computed from the arguments and the provider's account and region as the provider
//     would (getPolicyDocument, getCallerIdentity, getRegion, ...);
//   - placeholder: the shape is right but some values only the cloud knows (a parameter's value, a
//     VPC's address range) are stand-ins; those fields are named in the report;
//   - unanswered: a call blastwall has no entry for gets its declared result shape with empty
//     values (result-shape.ts), and is named in the report.
// A user's own answer (settings document `mockCalls`) wins over all three.

import { isRecord } from "../../policies/lib/props";
import { wireSignatures } from "../../policies/lib/sdk/wire";
import { awsKeyId, hex, oktaId, uuid } from "./mock-values";
import type { ProviderFacts } from "./mocks";
import { policyDocument } from "./policy-document";
import { placeholderResult, resultShape } from "./result-shape";
import { PLACEHOLDER_SECRET } from "./stack-files";

export interface CallAnswer {
    readonly token: string;
    /** Matched as a subset of the call's arguments; absent matches every call of the token. */
    readonly args?: Readonly<Record<string, unknown>>;
    readonly result: Readonly<Record<string, unknown>>;
}

export interface Answer {
    readonly result: Record<string, unknown>;
    readonly kind: "faithful" | "placeholder" | "unanswered" | "user";
    /** Placeholder fields: values offline cannot know. */
    readonly placeholders?: readonly string[];
}

type Args = Readonly<Record<string, unknown>>;
type Builder = (args: Args, facts: ProviderFacts, seed: string) => { result: Record<string, unknown>; placeholders?: string[] };

const PLACEHOLDER_TEXT = "blastwall-offline-placeholder";

function secret(value: unknown): Record<string, unknown> {
    return { [wireSignatures.key]: wireSignatures.secret, value };
}

function text(args: Args, key: string): string | undefined {
    return typeof args[key] === "string" && args[key] !== "" ? (args[key] as string) : undefined;
}

function arnName(arn: string | undefined): string | undefined {
    return arn?.split(/[:/]/).pop();
}

const iamArn = (facts: ProviderFacts, resource: string) => `arn:aws:iam::${facts.accountId}:${resource}`;

const BUILDERS: Readonly<Record<string, Builder>> = {
    "aws:index/getCallerIdentity:getCallerIdentity": (_a, f) => ({ result: { accountId: f.accountId, arn: iamArn(f, "user/blastwall-check"), userId: "AIDABLASTWALLCHECK00", id: f.accountId } }),
    "aws:index/getRegion:getRegion": (_a, f) => ({ result: { name: f.region, id: f.region, region: f.region, description: f.region, endpoint: `ec2.${f.region}.amazonaws.com` } }),
    "aws:index/getPartition:getPartition": () => ({ result: { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" } }),
    "aws:index/getAvailabilityZones:getAvailabilityZones": (_a, f) => ({
        result: { names: ["a", "b", "c"].map((z) => f.region + z), zoneIds: [1, 2, 3].map((n) => `use1-az${n}`), groupNames: [f.region], id: f.region },
    }),
    "aws:iam/getPolicyDocument:getPolicyDocument": (a) => ({ result: policyDocument(a) }),
    "aws:ec2/getVpc:getVpc": (a, f, seed) => {
        const id = text(a, "id") ?? `vpc-${hex(17, seed)}`;
        const cidr = text(a, "cidrBlock");
        return {
            result: { ...a, id, arn: `arn:aws:ec2:${f.region}:${f.accountId}:vpc/${id}`, cidrBlock: cidr ?? "", ownerId: f.accountId, default: a.default ?? false, state: "available", enableDnsSupport: true, instanceTenancy: "default", tags: a.tags ?? {} },
            placeholders: cidr ? [] : ["cidrBlock"],
        };
    },
    "aws:ec2/getSubnets:getSubnets": (a, f, seed) => ({ result: { ...a, ids: [1, 2, 3].map((n) => `subnet-${hex(17, String(n), seed)}`), id: f.region }, placeholders: ["ids"] }),
    "aws:ec2/getSubnet:getSubnet": (a, f, seed) => {
        const id = text(a, "id") ?? `subnet-${hex(17, seed)}`;
        const cidr = text(a, "cidrBlock");
        return {
            result: { ...a, id, arn: `arn:aws:ec2:${f.region}:${f.accountId}:subnet/${id}`, cidrBlock: cidr ?? "", vpcId: text(a, "vpcId") ?? `vpc-${hex(17, "vpc", seed)}`, availabilityZone: text(a, "availabilityZone") ?? `${f.region}a`, ownerId: f.accountId, state: "available", tags: a.tags ?? {} },
            placeholders: [...(cidr ? [] : ["cidrBlock"]), ...(text(a, "vpcId") ? [] : ["vpcId"])],
        };
    },
    "aws:ec2/getAmi:getAmi": (a, f, seed) => {
        const id = `ami-${hex(17, seed)}`;
        return { result: { ...a, id, imageId: id, arn: `arn:aws:ec2:${f.region}::image/${id}`, name: PLACEHOLDER_TEXT, ownerId: f.accountId, architecture: "x86_64", rootDeviceName: "/dev/xvda", state: "available" }, placeholders: ["id", "name"] };
    },
    "aws:ssm/getParameter:getParameter": (a, f) => {
        const name = text(a, "name") ?? "";
        return {
            result: { ...a, id: name, name, arn: `arn:aws:ssm:${f.region}:${f.accountId}:parameter/${name.replace(/^\//, "")}`, type: "SecureString", value: secret(PLACEHOLDER_SECRET), insecureValue: PLACEHOLDER_SECRET, version: 1 },
            placeholders: ["value"],
        };
    },
    "aws:secretsmanager/getSecret:getSecret": (a, f, seed) => {
        const name = text(a, "name") ?? arnName(text(a, "arn")) ?? "secret";
        const arn = text(a, "arn") ?? `arn:aws:secretsmanager:${f.region}:${f.accountId}:secret:${name}-${hex(6, seed)}`;
        return { result: { ...a, id: arn, arn, name, description: "", kmsKeyId: "", policy: "", tags: {} } };
    },
    "aws:secretsmanager/getSecretVersion:getSecretVersion": (a, f, seed) => {
        const secretId = text(a, "secretId") ?? "";
        const arn = secretId.startsWith("arn:") ? secretId : `arn:aws:secretsmanager:${f.region}:${f.accountId}:secret:${secretId}-${hex(6, seed)}`;
        const versionId = text(a, "versionId") ?? uuid(seed);
        return {
            result: { ...a, id: `${arn}|${versionId}`, arn, secretId, versionId, versionStages: [text(a, "versionStage") ?? "AWSCURRENT"], secretString: secret(PLACEHOLDER_SECRET), secretBinary: secret("") },
            placeholders: ["secretString"],
        };
    },
    "aws:kms/getKey:getKey": (a, f, seed) => {
        const given = text(a, "keyId") ?? "";
        const keyId = given.startsWith("arn:") ? (arnName(given) ?? uuid(seed)) : given.startsWith("alias/") ? uuid(seed) : given || uuid(seed);
        const arn = given.startsWith("arn:aws:kms:") && given.includes(":key/") ? given : `arn:aws:kms:${f.region}:${f.accountId}:key/${keyId}`;
        return {
            result: { ...a, id: keyId, arn, awsAccountId: f.accountId, keyManager: "CUSTOMER", keyUsage: "ENCRYPT_DECRYPT", keySpec: "SYMMETRIC_DEFAULT", customerMasterKeySpec: "SYMMETRIC_DEFAULT", enabled: true, keyState: "Enabled", multiRegion: false, origin: "AWS_KMS", description: "" },
        };
    },
    "aws:iam/getRole:getRole": (a, f, seed) => {
        const name = text(a, "name") ?? "role";
        return { result: { ...a, id: name, name, arn: iamArn(f, `role/${name}`), path: "/", uniqueId: awsKeyId("AROA", seed), assumeRolePolicy: "", maxSessionDuration: 3600, description: "", tags: {} }, placeholders: ["assumeRolePolicy"] };
    },
    "aws:iam/getUser:getUser": (a, f, seed) => {
        const userName = text(a, "userName") ?? "user";
        const userId = awsKeyId("AIDA", seed);
        return { result: { ...a, id: userId, userName, userId, arn: iamArn(f, `user/${userName}`), path: "/", permissionsBoundary: "", tags: {} } };
    },
    "aws:iam/getPolicy:getPolicy": (a, f, seed) => {
        const arn = text(a, "arn") ?? iamArn(f, `policy/${text(a, "name") ?? "policy"}`);
        const name = text(a, "name") ?? arnName(arn) ?? "policy";
        return { result: { ...a, id: arn, arn, name, path: "/", policy: "", policyId: awsKeyId("ANPA", seed), description: "", attachmentCount: 0, tags: {} }, placeholders: ["policy"] };
    },
    "okta:index/getOrgMetadata:getOrgMetadata": (_a, _f, seed) => ({ result: { id: oktaId("00o", seed), pipeline: "idx" } }),
    "okta:group/getGroup:getGroup": (a, _f, seed) => ({ result: { ...a, id: text(a, "id") ?? oktaId("00g", seed), name: text(a, "name") ?? "group", type: text(a, "type") ?? "OKTA_GROUP", description: "", users: [] } }),
    "okta:user/getUser:getUser": (a, _f, seed) => ({ result: { ...a, id: text(a, "userId") ?? oktaId("00u", seed), status: "ACTIVE", login: "", email: "", firstName: "", lastName: "" } }),
    "okta:app/getApp:getApp": (a, _f, seed) => ({ result: { ...a, id: text(a, "id") ?? oktaId("0oa", seed), label: text(a, "label") ?? "", name: "oidc_client", status: "ACTIVE" } }),
};

function matches(expected: unknown, actual: unknown): boolean {
    if (isRecord(expected)) return isRecord(actual) && Object.entries(expected).every(([k, v]) => matches(v, actual[k]));
    if (Array.isArray(expected)) return Array.isArray(actual) && expected.length === actual.length && expected.every((v, i) => matches(v, actual[i]));
    return expected === actual;
}

export function answerCall(token: string, args: Args, facts: ProviderFacts, provider: string | undefined, projectDir: string, userAnswers: readonly CallAnswer[]): Answer {
    // One stable org id per Okta provider (it feeds Okta resource names); other ids per call.
    const seed = token === "okta:index/getOrgMetadata:getOrgMetadata" ? (provider ?? "default") : [token, provider ?? "", JSON.stringify(args)].join("::");
    const builder = BUILDERS[token];
    const built = builder?.(args, facts, seed);
    const user = userAnswers.find((a) => a.token === token && (a.args === undefined || matches(a.args, args)));
    if (user) return { result: { ...(built?.result ?? {}), ...user.result }, kind: "user" };
    if (built) return { result: built.result, kind: built.placeholders?.length ? "placeholder" : "faithful", placeholders: built.placeholders };
    const shape = resultShape(token, projectDir);
    return { result: shape ? placeholderResult(shape, args) : {}, kind: "unanswered" };
}
