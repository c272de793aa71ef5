
const path = require("node:path");
const pulumi = require("@pulumi/pulumi");
const settings = require("@pulumi/pulumi/runtime/settings");
require("ts-node").register({ transpileOnly: true, compilerOptions: { module: "commonjs" } });
(async () => {
    await pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name + "-id", state: a.inputs }), call: (a) => a.inputs }, "bench", "test", true);
    await require("@pulumi/pulumi/runtime/stack").runInPulumiStack(async () => require(process.argv[2]));
    await settings.waitForRPCs();
})().then(() => process.exit(0), (e) => { console.error(e); process.exit(3); });
