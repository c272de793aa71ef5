// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["node_modules/", "dist/", "cli/dist/", "cli/node_modules/", "policies/bin/", "policies/node_modules/", "bench/out/", "test/fixtures/**/node_modules/"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        rules: {
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
            // Pulumi programs are modules for their side effects: `new aws.ec2.Vpc(...)` is the point.
            "no-new": "off",
        },
    },
    {
        files: ["policies/**/*.ts"],
        rules: {
            // The engine reads the pack's first stdout line as its port.
            "no-console": ["error", { allow: ["error"] }],
        },
    },
);
