// The floor of npm run bench: a real @pulumi/policy pack with the same policies as blastwall
// (names, kinds, levels, metadata, config schemas, the single resource type the SDK uses to skip
// a resource or stack policy), each doing nothing. What it costs is what the SDK and gRPC impose
// on any pack of that shape. The bench writes the list from the built blastwall pack before it
// starts this one (bench/packs.ts), so the two stay in step. Plain JavaScript, so that starting
// it type-checks nothing; @pulumi/policy resolves to the repository's copy, the one blastwall uses.
"use strict";
/* global require, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS pack, as packs are */
const fs = require("fs");
const path = require("path");
const { PolicyPack } = require("@pulumi/policy");

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "out", "noop-policies.json"), "utf8"));

function nothing() {}

const policies = manifest.policies.map((entry) => {
    const { kind, resourceType, ...metadata } = entry;
    const validate = () => nothing();
    if (resourceType) validate.__pulumiType = resourceType;
    return kind === "stack" ? { ...metadata, validateStack: validate } : { ...metadata, validateResource: validate };
});

new PolicyPack("blastwall-noop", { policies });
