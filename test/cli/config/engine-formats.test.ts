import { strict as assert } from "node:assert";
import { isEngineDate, isEngineDateTime } from "../../../cli/config/engine-formats";

// gojsonschema's checkers are Go's time.Parse with fixed layouts: what it accepts, we accept.
describe("date and date-time as the engine's gojsonschema checks them", () => {
    const dateTimes: [string, boolean][] = [
        ["2027-01-01T00:00:00Z", true],
        ["2027-01-01T00:00:00.123+01:00", true],
        ["2027-01-01", true], // a bare date is a date-time to gojsonschema
        ["9:04:05", true], // so is a bare time (Go's "15" reads one or two digits)
        ["15:04:05Z", true],
        ["2027-01-01 00:00:00Z", false], // ajv-formats accepts a space for the T; Go does not
        ["2027-01-01t00:00:00z", false],
        ["2027-01-01T00:00:00+0100", false],
        ["2027-01-01T23:59:60Z", false], // no leap second in Go
        ["2027-01-01T00:00:00", false],
        ["2027-02-30T00:00:00Z", false],
    ];
    for (const [text, accepted] of dateTimes) {
        it(`${accepted ? "accepts" : "refuses"} ${JSON.stringify(text)} as date-time`, () => assert.equal(isEngineDateTime(text), accepted));
    }

    it("checks a date as Go's 2006-01-02, leap years included", () => {
        assert.equal(isEngineDate("2028-02-29"), true);
        assert.equal(isEngineDate("2027-02-29"), false);
        assert.equal(isEngineDate("2027-1-01"), false);
    });
});
