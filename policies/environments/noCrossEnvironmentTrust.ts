import { withComponentParts } from "../components";
import { defineStackPolicy, Finding } from "../lib/define";
import type { ResourceView } from "../lib/model";
import { get, UNKNOWN } from "../lib/props";
import { environmentsSetting, stackEnvironmentsSetting, tagKeysSetting } from "../lib/settings/common";
import { ANY_ACCOUNT } from "./support/accounts";
import { listText, shown, subject } from "./support/describe";
import { distinct, EnvironmentScope, inEnvironment } from "./support/scope";
import { unknownPropertyFindings } from "./support/unknown";
import { documentGrants, Grant, parseDocument, principalGrants } from "./trust/document";

interface TrustDeclaration {
    /** "trusts" for a role's trust policy, "grants" for a resource policy. */
    readonly verb: "trusts" | "grants";
    /** Properties holding an IAM policy document. */
    readonly documents?: readonly string[];
    /** Properties holding one principal (an account id or ARN). */
    readonly principals?: readonly string[];
    /**
     * A property naming the account on whose behalf the principal acts (Lambda's sourceAccount):
     * judged as a grant, and it limits a wildcard principal to that account.
     */
    readonly sourceAccount?: string;
}

const resourcePolicy: TrustDeclaration = { verb: "grants", documents: ["policy"] };

/** Where each type declares who may use it; property names as in @pulumi/aws 7. */
const DECLARATIONS: Readonly<Record<string, TrustDeclaration>> = {
    "aws:iam/role:Role": { verb: "trusts", documents: ["assumeRolePolicy"] },
    "aws:s3/bucketPolicy:BucketPolicy": resourcePolicy,
    "aws:s3/bucket:Bucket": resourcePolicy,
    "aws:s3/bucketV2:BucketV2": resourcePolicy,
    "aws:kms/key:Key": resourcePolicy,
    "aws:kms/keyPolicy:KeyPolicy": resourcePolicy,
    "aws:kms/grant:Grant": { verb: "grants", principals: ["granteePrincipal", "retiringPrincipal"] },
    "aws:secretsmanager/secret:Secret": resourcePolicy,
    "aws:secretsmanager/secretPolicy:SecretPolicy": resourcePolicy,
    "aws:sns/topic:Topic": resourcePolicy,
    "aws:sns/topicPolicy:TopicPolicy": resourcePolicy,
    "aws:sqs/queue:Queue": resourcePolicy,
    "aws:sqs/queuePolicy:QueuePolicy": resourcePolicy,
    "aws:ecr/repositoryPolicy:RepositoryPolicy": resourcePolicy,
    "aws:lambda/permission:Permission": { verb: "grants", principals: ["principal"], sourceAccount: "sourceAccount" },
    "aws:eks/accessEntry:AccessEntry": { verb: "grants", principals: ["principalArn"] },
};

/** Grants of a property; `unknown` when (part of) it is not known during preview. */
function grantsOf(resource: ResourceView, property: string, declaration: TrustDeclaration): { grants: readonly Grant[]; unknown: boolean } {
    const value = get(resource.props, property);
    if (value === undefined) return { grants: [], unknown: false };
    if (value === UNKNOWN) return { grants: [], unknown: true };
    if (declaration.documents?.includes(property)) {
        const document = parseDocument(value);
        return document ? documentGrants(document) : { grants: [], unknown: false };
    }
    let unknown = false;
    const onUnknown = () => {
        unknown = true;
    };
    const grants = principalGrants(value, onUnknown);
    const behalf = declaration.sourceAccount ? get(resource.props, declaration.sourceAccount) : undefined;
    if (behalf === undefined) return { grants, unknown };
    if (behalf === UNKNOWN) return { grants: grants.filter((g) => g.account !== ANY_ACCOUNT), unknown: true };
    return { grants: [...grants.filter((g) => g.account !== ANY_ACCOUNT), ...principalGrants(behalf, onUnknown)], unknown };
}

function findingsOf(scope: EnvironmentScope, resource: ResourceView): Finding[] {
    const declaration = DECLARATIONS[resource.type];
    if (!declaration) return [];
    const { own, plan } = scope;
    const fix = `${declaration.verb === "trusts" ? "trust" : "grant"} only ${own}'s account (${plan.accountsOf(own)})`;
    const findings: Finding[] = [];
    for (const property of [...(declaration.documents ?? []), ...(declaration.principals ?? [])]) {
        const { grants, unknown } = grantsOf(resource, property, declaration);
        if (unknown) findings.push(...unknownFindings(scope, resource, property, fix));
        for (const grant of grants) {
            const principal = shown(resource, [property], grant.principal);
            if (grant.account === ANY_ACCOUNT) {
                const others = plan.names.filter((name) => name !== own);
                if (others.length === 0) continue;
                findings.push({
                    message: `${subject(resource, own)} ${declaration.verb} '${principal}' (every AWS account, including ${listText(others.map((name) => `${name}'s`))}) with no condition limiting it to ${own}'s account; ${fix} or add an aws:PrincipalAccount condition.`,
                    urn: resource.urn,
                });
                continue;
            }
            const environment = plan.environmentOfAccount(grant.account);
            if (environment === undefined || environment === own) continue;
            const grantee = /^\d{12}$/.test(principal) ? `account ${principal} (${environment})` : `${principal} (${environment} account ${grant.account})`;
            findings.push({
                message: `${subject(resource, own)} ${declaration.verb} ${grantee}; ${fix}.`,
                urn: resource.urn,
            });
        }
    }
    return findings;
}

/** An unknown document is judged by the resources it is computed from. */
function unknownFindings(scope: EnvironmentScope, resource: ResourceView, property: string, fix: string): Finding[] {
    return unknownPropertyFindings(scope, resource, property, {
        promise: `it grants only ${scope.own}'s account (${scope.plan.accountsOf(scope.own)})`,
        foreign: (sources) => `${subject(resource, scope.own)} builds ${property} from ${sources}; ${fix}.`,
    });
}

export const noCrossEnvironmentTrust = defineStackPolicy({
    name: "no-cross-environment-trust",
    description:
        "No IAM role trust policy or resource policy (S3 bucket, KMS key or grant, Secrets Manager secret, SNS topic, SQS queue, ECR repository, Lambda permission) may grant principals of another environment's account, or every account.",
    severity: "critical",
    remediationSteps:
        "Name only the stack's own environment's account (see the `environments` setting) as principal. For a wildcard principal, add a condition on aws:PrincipalAccount or aws:SourceAccount naming that account. Share across environments only through a reviewed, separately governed path.",
    tags: ["environments", "iam"],
    settings: [environmentsSetting, stackEnvironmentsSetting, tagKeysSetting],
    checkStack: (stack, { settings }) => inEnvironment(stack, settings, (scope) => distinct(withComponentParts(stack).flatMap((resource) => findingsOf(scope, resource)))),
});
