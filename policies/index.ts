// The pack's entry point: the Pulumi engine (or `blastwall check`) starts this file and talks to
// the gRPC server that `new PolicyPack` opens. The server prints its port as the first stdout
// line, so nothing here may print to stdout.
// First: @pulumi/pulumi's closure-serialization dependencies load only if used (lib/startup/).
import "./lib/startup/defer-arborist";
import { PolicyPack } from "@pulumi/policy";
import { withConfigureGuard } from "./lib/sdk/configure-guard";
import { withOnePassAnalyzeStack } from "./lib/sdk/one-pass";
import { allPolicies, PACK_NAME } from "./policies";

// A bad config is refused at Configure, naming the policy and the key (lib/sdk/configure-guard.ts),
// and AnalyzeStack runs every stack policy over one view of the stack (lib/sdk/one-pass.ts).
withOnePassAnalyzeStack(() => withConfigureGuard(() => {
    new PolicyPack(PACK_NAME, {
        description: "Blocks unrotated credentials, mixed environments, credentials with no owner and credentials that reach past their environment.",
        displayName: "blastwall",
        provider: "aws",
        tags: ["credentials", "segmentation", "ownership"],
        policies: allPolicies,
    });
}));
