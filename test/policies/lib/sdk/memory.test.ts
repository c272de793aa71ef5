import { strict as assert } from "node:assert";
import { relieveMemoryPressure } from "../../../../policies/lib/sdk/memory";

describe("relieving memory pressure between stack policies", () => {
    it("does nothing below the threshold", () => {
        assert.equal(relieveMemoryPressure(Number.MAX_SAFE_INTEGER), false);
    });

    it("collects garbage above it, with gc exposed at run time (the pack cannot choose node's flags)", () => {
        assert.equal(relieveMemoryPressure(0), true);
    });
});
