// Read-only lookups over a StackCapture for the program tests.

import type { CapturedResource, StackCapture } from "./capture";
import { plain } from "./segmentation";

export type Props = Record<string, unknown>;

export class CaptureView {
    private readonly urns: ReadonlyMap<string, CapturedResource>;

    constructor(readonly capture: StackCapture) {
        this.urns = new Map(capture.resources.map((r) => [r.urn, r]));
    }

    ofType(type: string): CapturedResource[] {
        return this.capture.resources.filter((r) => r.type === type);
    }

    one(type: string, name?: string): CapturedResource {
        const found = this.ofType(type).filter((r) => name === undefined || r.name === name);
        if (found.length !== 1) throw new Error(`Expected one ${type}${name ? ` '${name}'` : ""}, found ${found.length}.`);
        return found[0];
    }

    byUrn(urn: string): CapturedResource | undefined {
        return this.urns.get(urn);
    }

    /** The resources `resource` got a property from, by the property's name. */
    propertySources(resource: CapturedResource, property: string): CapturedResource[] {
        return (resource.propertyDependencies[property] ?? []).map((urn) => this.urns.get(urn)).filter((r): r is CapturedResource => r !== undefined);
    }

    /** Inputs without secret wrappers. */
    inputs(resource: CapturedResource): Props {
        return plain(resource.inputs) as Props;
    }

    outputs(resource: CapturedResource): Props {
        return plain(resource.outputs) as Props;
    }
}
