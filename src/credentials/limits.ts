// What every credential component demands of its arguments, written once so that stack config
// and code that calls the components get the same answer. Pure, no Pulumi.

/** The policy pack's default `maxAgeDays`: a credential older than this is blocked. */
export const MAX_ROTATION_DAYS = 90;
export const DEFAULT_ROTATION_DAYS = 30;

// Owners become tag values and Okta group names: letters, digits and . _ - @, like team slugs.
const OWNER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** Why `owner` is not a usable owner, as a phrase ("is not set"), or undefined. */
export function ownerProblem(owner: unknown): string | undefined {
    if (owner === undefined || owner === null || owner === "") return "is not set";
    if (typeof owner !== "string") return `is ${JSON.stringify(owner)}, not a team name`;
    if (!OWNER_PATTERN.test(owner)) return `is "${owner}", not a team name (letters, digits, . _ - @, at most 64)`;
    return undefined;
}

/** Why `days` is not a rotation period the pack accepts, as a phrase, or undefined. */
export function rotationDaysProblem(days: unknown): string | undefined {
    if (typeof days !== "number" || !Number.isInteger(days) || days < 1) return `is ${JSON.stringify(days)}, not a whole number of days`;
    if (days > MAX_ROTATION_DAYS) return `is ${days}, longer than the ${MAX_ROTATION_DAYS}-day limit`;
    return undefined;
}

/** The problems with a credential component's common arguments, each a sentence with the fix. */
export function credentialArgProblems(component: string, name: string, owner: unknown, rotationDays: unknown): string[] {
    const problems: string[] = [];
    const ownerWhy = ownerProblem(owner);
    if (ownerWhy) problems.push(`${component} '${name}': owner ${ownerWhy}; pass the team that answers for this credential (owner: "platform-team").`);
    const daysWhy = rotationDays === undefined ? undefined : rotationDaysProblem(rotationDays);
    if (daysWhy) problems.push(`${component} '${name}': rotationDays ${daysWhy}; pass 1 to ${MAX_ROTATION_DAYS} (default ${DEFAULT_ROTATION_DAYS}).`);
    return problems;
}
