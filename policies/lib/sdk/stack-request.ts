// The StackView of one AnalyzeStack request, built straight from the protobuf message: the same
// views the SDK path yields (model.ts `stackView` over the SDK's per-policy objects), made once.
//
// Each field follows what `@pulumi/policy` 1.21's analyzeStack handler gives a stack policy:
// a parent only when the engine's `parent` names a resource of the request (else the options'
// parent), providers deserialized from the provider's own bag. Dependencies and property
// dependencies are every URN the engine sent, as model.ts gives them on the SDK's path through
// raw-graph.ts: a StackReference is never in the request, and only its URN shows that a resource
// was built from another stack's outputs. test/hardening/one-pass.test.ts compares the two paths.

import { buildStackView, ProviderView, ResourceView, StackView } from "../model";
import { isRecord, PropertyBag } from "../props";
import { SecretIndex, secretsOf } from "./wire";

/** The protobuf accessors we read (pulumirpc.AnalyzerResource). */
export interface AnalyzerResourceMessage {
    getType(): string;
    getUrn(): string;
    getName(): string;
    getParent(): string;
    getProperties(): unknown;
    getOptions(): { getParent(): string } | undefined;
    getProvider(): { getType(): string; getUrn(): string; getName(): string; getProperties(): unknown } | undefined;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { entries(): Iterable<[string, { getUrnsList(): string[] }]> } | undefined;
}

type Deserialize = (struct: unknown, proxySecrets: boolean) => Record<string, unknown>;

let deserializeModule: { deserializeProperties: Deserialize } | undefined;

export function sdkDeserializer(): Deserialize {
    // The module is required once: `require` resolves its path again on every call, even when
    // cached, and Analyze asks once per resource (160 ms of 10,000 Analyze calls in a profile).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    deserializeModule ??= require("@pulumi/policy/deserialize") as { deserializeProperties: Deserialize };
    // Its function is looked up at call time, so the shared, secret-recording wrapper (wire.ts) is the one used.
    return deserializeModule.deserializeProperties;
}

function bag(value: unknown): PropertyBag {
    return isRecord(value) ? value : {};
}

type ProviderMessage = NonNullable<ReturnType<AnalyzerResourceMessage["getProvider"]>>;

/** A provider as the SDK hands it to a rule (its bag deserialized), as model.ts views it. */
export function providerViewOfMessage(provider: ProviderMessage | undefined, deserialize: Deserialize): ProviderView | undefined {
    if (!provider) return undefined;
    const props = deserialize(provider.getProperties(), false);
    return { urn: provider.getUrn(), type: provider.getType(), name: provider.getName(), props: bag(props), secrets: secretsOf(props) };
}

/** The bag of a request's properties, deserialized as the SDK does (throws where it would). */
export function propsOfMessage(resource: AnalyzerResourceMessage, deserialize: Deserialize): { props: PropertyBag; secrets: SecretIndex } {
    const props = deserialize(resource.getProperties(), false);
    return { props: bag(props), secrets: secretsOf(props) };
}

/** Throws (as the SDK would) on a request it could not read; the caller then takes the SDK's path. */
export function stackViewOfRequest(resources: readonly AnalyzerResourceMessage[], stackTags: ReadonlyMap<string, string>): StackView {
    const deserialize = sdkDeserializer();
    const urns = new Set<string>();
    for (const r of resources) urns.add(r.getUrn());
    // Resources of one provider share its view (readers such as stack-wire.ts hand out one message
    // per provider); a view is read-only, so sharing it gives every rule what a copy would.
    const providers = new Map<ProviderMessage, ProviderView | undefined>();
    const views: ResourceView[] = resources.map((r) => {
        const options = r.getOptions();
        if (!options) throw new Error("an AnalyzeStack resource without options");
        const { props, secrets } = propsOfMessage(r, deserialize);
        const message = r.getProvider();
        let provider = message && providers.get(message);
        if (message && !providers.has(message)) providers.set(message, (provider = providerViewOfMessage(message, deserialize)));
        const propertyDependencies: Record<string, string[]> = {};
        for (const [key, deps] of r.getPropertydependenciesMap()?.entries() ?? []) propertyDependencies[key] = [...deps.getUrnsList()];
        const parent = r.getParent();
        return {
            urn: r.getUrn(),
            type: r.getType(),
            name: r.getName(),
            props,
            secrets,
            provider,
            parent: parent && urns.has(parent) ? parent : options.getParent() || undefined,
            dependencies: [...r.getDependenciesList()],
            propertyDependencies,
        };
    });
    return buildStackView(views, stackTags);
}
