/**
 * Dates: the spec gives every date `format: date-time`, which is RFC 3339 §5.6 (full-date "T"
 * full-time with an offset). A date without an offset, or one that is not on the calendar, is refused at
 * preview naming the field and the rule; the same instant in any spelling, read on a machine in any time
 * zone, is no change; the request carries the instant the program wrote.
 */
import * as assert from "assert";
import { providers } from "../../provider/runtime";
import { toModel } from "../../provider/schema/engine";
import { galleryImageVersionSpec } from "../../provider/schema/galleryImageVersion";
import { Inputs } from "../../provider/schema/types";
import { ZONES, inZone } from "../support/zones";
import { imageInputs, versionInputs } from "./inputs";

const dated = {
    galleryImage: { at: "endOfLifeDate", inputs: (d: unknown) => imageInputs({ endOfLifeDate: d }) },
    galleryImageVersion: { at: "publishingProfile.endOfLifeDate", inputs: (d: unknown) => versionInputs({}, { endOfLifeDate: d }) },
} as const;

describe("dates: RFC 3339 date-times with an offset, on the calendar", () => {
    it("the machine's zone really changes in these tests (or they could not fail)", async () => {
        const offsets = await Promise.all(["UTC", "Pacific/Chatham"].map((z) => inZone(z, async () => new Date(2030, 0, 1).getTimezoneOffset())));
        assert.notStrictEqual(offsets[0], offsets[1]);
    });

    for (const [kind, { at, inputs }] of Object.entries(dated) as [keyof typeof dated, (typeof dated)[keyof typeof dated]][]) {
        for (const [value, why] of [
            ["2099-01-01", /no offset/],
            ["2099-01-01T12:00:00", /no offset/],
            ["2099-01-01T12:00", /is not written/],
            ["2030-02-30T00:00:00Z", /not a calendar date/],
            ["2100-02-29T00:00:00Z", /not a calendar date/], // 2100 is no leap year
            ["2099-13-01T00:00:00Z", /not a calendar date/],
            ["2099-01-01T24:00:00Z", /not a time of day/], // a DateTimeOffset has no hour 24 (ERRORS.md)
            ["2099-01-01T23:59:60Z", /not a time of day/],
            ["2099-01-01T00:00:00+14:30", /beyond ±14:00/], // ERRORS.md: an offset beyond ±14:00
            ["9999-12-31T23:00:00-05:00", /outside years 1 to 9999 in UTC/], // past what a DateTimeOffset holds once in UTC
            ["next year", /is not written/],
            [20991231, /not 20991231/],
        ] as const) {
            it(`${kind}: ${JSON.stringify(value)} is refused, naming the field and RFC 3339`, async () => {
                const { failures } = await providers[kind].check!({}, inputs(value));
                const f = (failures ?? []).find((x) => x.property === at);
                assert.ok(f, JSON.stringify(failures));
                assert.match(f.reason, new RegExp(`^${at.replace(/\./g, "\\.")} must be an RFC 3339 date-time with an offset \\(the spec's format date-time\\)`));
                assert.match(f.reason, why);
            });
        }

        for (const value of ["2032-02-29T00:00:00Z", "2099-01-01t00:00:00z", "2099-01-01T00:00:00+14:00", "2099-01-01T00:00:00-12:00", "2099-01-01T00:00:00.1234567Z", "2099-01-01T00:00:00-00:00"]) {
            it(`${kind}: ${value} is accepted`, async () => {
                assert.deepStrictEqual((await providers[kind].check!({}, inputs(value))).failures, []);
            });
        }
    }
});

describe("dates: the same instant in any spelling, on a machine in any zone, is no change", () => {
    // One instant, 2099-06-30T00:00:00Z, as RFC 3339 lets a program write it.
    const spellings = [
        "2099-06-30T00:00:00Z",
        "2099-06-30T00:00:00.000Z",
        "2099-06-30t00:00:00z",
        "2099-06-30T00:00:00+00:00",
        "2099-06-30T00:00:00-00:00",
        "2099-06-30T12:45:00+12:45",
        "2099-06-30T13:45:00+13:45",
        "2099-06-29T14:00:00-10:00",
        "2099-06-30T05:45:00+05:45",
        "2099-06-29T20:30:00-03:30",
    ];
    const version = (d: string) => versionInputs({}, { endOfLifeDate: d });

    for (const zone of ZONES) {
        it(`in ${zone}`, () =>
            inZone(zone, async () => {
                for (const before of spellings) {
                    for (const after of spellings) {
                        const d = await providers.galleryImageVersion.diff!("id", version(before), version(after));
                        assert.strictEqual(d.changes, false, `${before} -> ${after}`);
                    }
                    const image = await providers.galleryImage.diff!("id", imageInputs({ endOfLifeDate: before }), imageInputs({ endOfLifeDate: "2099-06-30T00:00:00Z" }));
                    assert.strictEqual(image.changes, false, before);
                }
                // Another instant, a minute apart, is a change.
                const moved = await providers.galleryImageVersion.diff!("id", version(spellings[5]), version("2099-06-30T12:46:00+12:45"));
                assert.deepStrictEqual([moved.changes, moved.replaces], [true, []]);
            }));
    }

    for (const zone of ZONES) {
        it(`a date kept from before, written without an offset, is the instant the service read (UTC), in ${zone}`, () =>
            inZone(zone, async () => {
                // ERRORS.md: the service accepts a date-time without an offset and reads it as UTC; a
                // program that wrote one when it was accepted, now past, restates it with its offset.
                const kept = versionInputs({}, { endOfLifeDate: "2001-01-01T00:00:00" });
                const { failures } = await providers.galleryImageVersion.check!(kept, versionInputs({}, { endOfLifeDate: "2001-01-01T00:00:00Z" }));
                assert.deepStrictEqual(failures, [], "the same instant is not judged again");
            }));
    }

    it("a fraction below the millisecond is no change against Azure's answer: the SDK sends and reads milliseconds", async () => {
        const d = await providers.galleryImageVersion.diff!("id", version("2099-06-30T00:00:00.123Z"), version("2099-06-30T00:00:00.1234567Z"));
        assert.strictEqual(d.changes, false);
    });

    for (const zone of ZONES) {
        it(`the request carries the instant the program wrote, in ${zone}`, () =>
            inZone(zone, async () => {
                for (const spelling of spellings) {
                    const model = toModel(galleryImageVersionSpec, version(spelling) as Inputs) as { publishingProfile: { endOfLifeDate: Date } };
                    assert.strictEqual(model.publishingProfile.endOfLifeDate.toISOString(), "2099-06-30T00:00:00.000Z", spelling);
                }
            }));
    }
});
