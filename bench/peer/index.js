// The peer of npm run bench: Pulumi's own AWS policy library, every policy mandatory, as its
// README's template does, except the three that call AWS APIs from inside the pack
// (acm-certificate-expiration, access-keys-rotated, mfa-enabled-for-iam-console-access): a
// benchmark has no cloud to ask, and they would measure AWS, not the pack. The AWS SDK must not
// look for credentials on the instance metadata address either. Plain JavaScript, so that starting
// it type-checks nothing.
"use strict";
/* global require, process */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS pack, as packs are */
process.env.AWS_EC2_METADATA_DISABLED = "true";
const { AwsGuard } = require("@pulumi/awsguard");

new AwsGuard({
    all: "mandatory",
    acmCertificateExpiration: "disabled",
    iamAccessKeysRotated: "disabled",
    iamMfaEnabledForConsoleAccess: "disabled",
});
