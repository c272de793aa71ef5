import { strict as assert } from "node:assert";
import { policyHelpUri, toolInformationUri } from "../../../cli/report/doc-links";

describe("SARIF documentation links", () => {
    it("points a policy of our pack at its documentation file in the pack package, at the version that ran", () => {
        assert.equal(policyHelpUri("credential-max-age", { name: "blastwall", version: "1.2.3" }), "https://cdn.jsdelivr.net/npm/blastwall-policies@1.2.3/docs/credential-max-age.md");
    });

    it("gives no address for another pack's policy, or when the version is not known", () => {
        assert.equal(policyHelpUri("s3-no-public-read", { name: "awsguard", version: "0.2.0" }), undefined);
        assert.equal(policyHelpUri("credential-max-age", { name: "blastwall", version: "" }), undefined);
        assert.equal(policyHelpUri("credential-max-age", undefined), undefined);
    });

    it("points the tool at its npm page for the version that ran while package.json has no homepage", () => {
        assert.equal(toolInformationUri("0.1.0"), "https://www.npmjs.com/package/blastwall/v/0.1.0");
    });
});
