// How each vendor's own rotation settings read, for the catalog entries: KMS key rotation, the
// managed RDS master password, Secrets Manager SecretRotation and the IAM
// account password policy. Each returns a RotationReading and never throws.

import { getBoolean, getNumber, getRecord, getString, PropertyBag, UNKNOWN } from "../lib/props";
import type { RotationReading } from "./catalog-types";
import { scheduleReading } from "./schedule";

/** AWS's default when `rotationPeriodInDays` is not set. */
export const KMS_DEFAULT_ROTATION_DAYS = 365;
/** RDS rotates a master password it manages in Secrets Manager every seven days by default. */
export const RDS_MANAGED_ROTATION_DAYS = 7;
const unknown = (property: string): RotationReading => ({ state: "unknown", reason: `${property} is not known until the update runs` });

export function kmsRotation(props: PropertyBag): RotationReading {
    const enabled = getBoolean(props, "enableKeyRotation");
    if (enabled === UNKNOWN) return unknown("enableKeyRotation");
    if (enabled !== true) return { state: "off", reason: "enableKeyRotation is not true" };
    const period = getNumber(props, "rotationPeriodInDays");
    if (period === UNKNOWN) return unknown("rotationPeriodInDays");
    const days = period !== undefined && period > 0 ? period : KMS_DEFAULT_ROTATION_DAYS;
    return { state: "on", intervalDays: days, describe: "KMS automatic key rotation" };
}

export function rdsManagedRotation(props: PropertyBag): RotationReading {
    const managed = getBoolean(props, "manageMasterUserPassword");
    if (managed === UNKNOWN) return unknown("manageMasterUserPassword");
    if (managed !== true) return { state: "off", reason: "manageMasterUserPassword is not true" };
    return {
        state: "on",
        intervalDays: RDS_MANAGED_ROTATION_DAYS,
        describe: "RDS-managed master password rotation",
    };
}

export const OKTA_DEFAULT_AUTH_METHOD = "client_secret_basic";

/** The token endpoint auth method of an Okta OAuth app (Okta's default when unset). */
export function oktaAuthMethod(props: PropertyBag): string | typeof UNKNOWN {
    const method = getString(props, "tokenEndpointAuthMethod");
    if (method === UNKNOWN) return UNKNOWN;
    return method === undefined || method === "" ? OKTA_DEFAULT_AUTH_METHOD : method.toLowerCase();
}

/** A Secrets Manager SecretRotation: `rotationRules.automaticallyAfterDays` or `scheduleExpression`. */
export function secretRotationReading(props: PropertyBag): RotationReading {
    const enabled = getBoolean(props, "rotationEnabled");
    // An output; a rotation being created does not know it yet, and creating one enables rotation.
    if (enabled === false) return { state: "off", reason: "its SecretRotation has rotationEnabled false" };
    const rules = getRecord(props, "rotationRules");
    if (rules === UNKNOWN) return unknown("rotationRules");
    if (rules === undefined) return { state: "off", reason: "its SecretRotation has no rotationRules" };
    const days = getNumber(rules, "automaticallyAfterDays");
    if (days === UNKNOWN) return unknown("rotationRules.automaticallyAfterDays");
    if (days !== undefined && days > 0) {
        return { state: "on", intervalDays: days, describe: "its SecretRotation" };
    }
    const expression = getString(rules, "scheduleExpression");
    if (expression === UNKNOWN) return unknown("rotationRules.scheduleExpression");
    if (expression === undefined || expression === "") return { state: "off", reason: "its SecretRotation sets no schedule" };
    const schedule = scheduleReading(expression);
    if (schedule.state === "invalid") return { state: "off", reason: `its SecretRotation scheduleExpression ${schedule.problem}` };
    return { state: "on", intervalDays: schedule.days, describe: "its SecretRotation schedule, at the longest gap between two of its runs" };
}

/** An IAM account password policy makes console passwords expire after `maxPasswordAge` days. */
export function passwordPolicyReading(props: PropertyBag): RotationReading {
    const age = getNumber(props, "maxPasswordAge");
    if (age === UNKNOWN) return unknown("maxPasswordAge");
    if (age === undefined || age <= 0) return { state: "off", reason: "the account password policy sets no maxPasswordAge" };
    return { state: "on", intervalDays: age, describe: "the account password policy's maxPasswordAge" };
}
