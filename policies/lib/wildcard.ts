// Name patterns with `*` (waiver resources, owner claims, stackEnvironments), matched in time
// linear in the name. A JavaScript RegExp built from `a*a*a*...` backtracks: a few dozen stars
// against a long name take minutes, and a settings document is written by users. RE2 (re2js, a
// port of Google's RE2 to JavaScript) runs an automaton and never backtracks.

import type { RE2JS as RE2JSClass } from "re2js";

export type Matcher = (text: string) => boolean;

let re2: typeof RE2JSClass | undefined;

/** Loaded with the first pattern that has a `*`, so a pack with none does not pay for it. */
function engine(): typeof RE2JSClass {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    re2 ??= (require("re2js") as typeof import("re2js")).RE2JS;
    return re2;
}

/**
 * A matcher for `pattern`, where `*` stands for any run of characters (none included) and every
 * other character for itself.
 */
export function wildcardMatcher(pattern: string, options: { readonly caseInsensitive?: boolean } = {}): Matcher {
    const fold = options.caseInsensitive === true;
    const key = `${fold ? "i" : "s"}${pattern}`;
    let matcher = compiled.get(key);
    if (!matcher) {
        if (compiled.size >= MAX_COMPILED) compiled.clear();
        matcher = compile(pattern, fold);
        compiled.set(key, matcher);
    }
    return matcher;
}

const MAX_COMPILED = 1024;
const compiled = new Map<string, Matcher>();

function compile(pattern: string, fold: boolean): Matcher {
    if (!pattern.includes("*")) {
        const literal = fold ? pattern.toLowerCase() : pattern;
        return fold ? (text) => text.toLowerCase() === literal : (text) => text === literal;
    }
    const RE2JS = engine();
    // Runs of stars mean what one star means; collapsing them keeps the automaton small.
    const source = pattern
        .split(/\*+/)
        .map((part) => (part === "" ? "" : RE2JS.quote(part)))
        .join(".*");
    const automaton = RE2JS.compile(`^${source}$`, RE2JS.DOTALL | (fold ? RE2JS.CASE_INSENSITIVE : 0));
    return (text) => automaton.matches(text);
}
