// Views of resources with every secret value replaced by a token that names it, for exact
// redaction (redact.ts): rules are pure functions of their views, so running a rule again on the
// masked view shows exactly where its message interpolated a secret, and nowhere else.

import type { ProviderView, ResourceView, StackView } from "./model";
import { buildStackView } from "./model";
import type { SecretIndex } from "./sdk/wire";

// Private-use characters: no provider value, template or rule word holds them.
const OPEN = "\ue000";
const CLOSE = "\ue001";
export const TOKEN_PATTERN = /\ue000(\d+)\ue001/g;

/** Hands out one token per distinct secret value, and remembers which value each stands for. */
export class SecretMasker {
    readonly values: string[] = [];
    private readonly byValue = new Map<string, string>();

    constructor(private readonly secretValues: ReadonlySet<string>) {}

    token(value: string): string {
        let token = this.byValue.get(value);
        if (token === undefined) {
            token = `${OPEN}${this.values.length}${CLOSE}`;
            this.values.push(value);
            this.byValue.set(value, token);
        }
        return token;
    }

    /** A name equal to a secret value was made from it: it is masked like the value. */
    name(name: string): string {
        return this.secretValues.has(name) ? this.token(name) : name;
    }

    private bag(value: unknown, pointer: string, paths: ReadonlySet<string>, inSecret: boolean, depth: number): unknown {
        const secret = inSecret || paths.has(pointer);
        if (typeof value === "string") return secret ? this.token(value) : value;
        if (value === null || typeof value !== "object" || depth > 64) return value;
        if (Array.isArray(value)) return value.map((item, i) => this.bag(item, `${pointer}/${i}`, paths, secret, depth + 1));
        const copy: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(value)) copy[key] = this.bag(item, `${pointer}/${key}`, paths, secret, depth + 1);
        return copy;
    }

    private index(secrets: SecretIndex): SecretIndex {
        return { paths: secrets.paths, values: new Set([...secrets.values].map((v) => this.token(v))) };
    }

    private provider(provider: ProviderView | undefined): ProviderView | undefined {
        if (!provider) return undefined;
        const props = provider.secrets.paths.size > 0 ? (this.bag(provider.props, "", provider.secrets.paths, false, 0) as ProviderView["props"]) : provider.props;
        return { ...provider, name: this.name(provider.name), props, secrets: this.index(provider.secrets) };
    }

    resource(resource: ResourceView): ResourceView {
        const props = resource.secrets.paths.size > 0 ? (this.bag(resource.props, "", resource.secrets.paths, false, 0) as ResourceView["props"]) : resource.props;
        return { ...resource, name: this.name(resource.name), props, secrets: this.index(resource.secrets), provider: this.provider(resource.provider) };
    }

    stack(stack: StackView): StackView {
        const masked = buildStackView(stack.resources.map((r) => this.resource(r)), stack.stackTags);
        return { ...masked, stack: stack.stack, project: stack.project };
    }
}
