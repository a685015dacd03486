/**
 * The retention policy (provider/components/retention.ts): examples of each rule, then a property
 * test over random manifests, days and policies, whose oracle restates the rules: the newest never
 * retired, latest always finds a version, at most `keepInLatest` in latest and those the newest
 * allowed, a version the manifest excludes never in latest, and only versions past their end of life
 * retired.
 */
import * as assert from "assert";
import fc from "fast-check";
import { RetainedEntry, planRetention, retentionProblems } from "../../provider/components/retention";

const DAY = 86_400_000;
const NOW = Date.parse("2031-06-01T00:00:00Z");
const past = "2031-01-01T00:00:00Z";
const future = "2032-01-01T00:00:00Z";

describe("GoldenImage retention", () => {
    it("keeps the newest keepInLatest in latest and takes older ones out, by version rather than by order", () => {
        const entries: RetainedEntry[] = [{ version: "1.10.0" }, { version: "1.2.0" }, { version: "1.9.0" }, { version: "0.9.0" }];
        assert.deepStrictEqual(planRetention(entries, {}, NOW), { published: ["1.10.0", "1.9.0", "1.2.0", "0.9.0"], inLatest: ["1.10.0"], retired: [], newest: "1.10.0", latest: "1.10.0" });
        assert.deepStrictEqual(planRetention(entries, { keepInLatest: 3 }, NOW).inLatest, ["1.10.0", "1.9.0", "1.2.0"]);
        assert.deepStrictEqual(planRetention(entries, { keepInLatest: 9 }, NOW).inLatest, ["1.10.0", "1.9.0", "1.2.0", "0.9.0"]);
    });

    it("a build the manifest pulls from latest stays out of it; the next newest takes its place", () => {
        const entries: RetainedEntry[] = [{ version: "1.0.0" }, { version: "1.1.0" }, { version: "1.2.0", excludeFromLatest: true }];
        assert.deepStrictEqual(planRetention(entries, { keepInLatest: 1 }, NOW), { published: ["1.2.0", "1.1.0", "1.0.0"], inLatest: ["1.1.0"], retired: [], newest: "1.2.0", latest: "1.1.0" });
    });

    it("retires versions past their end of life, but never the newest nor the one latest resolves to", () => {
        const entries: RetainedEntry[] = [
            { version: "1.0.0", endOfLifeDate: past },
            { version: "1.1.0", endOfLifeDate: future },
            { version: "1.2.0", endOfLifeDate: past },
            { version: "1.3.0", endOfLifeDate: past, excludeFromLatest: true },
        ];
        // 1.3.0 is the newest, 1.2.0 what latest resolves to (1.3.0 is pulled from it): both kept past their end of life.
        assert.deepStrictEqual(planRetention(entries, { keepInLatest: 2 }, NOW), { published: ["1.3.0", "1.2.0", "1.1.0"], inLatest: ["1.2.0", "1.1.0"], retired: ["1.0.0"], newest: "1.3.0", latest: "1.2.0" });
        // The end of life is the start of its day: a version whose day begins now is past it.
        assert.deepStrictEqual(planRetention([{ version: "1.0.0", endOfLifeDate: "2031-06-01T00:00:00Z" }, { version: "2.0.0" }], {}, NOW).retired, ["1.0.0"]);
        assert.deepStrictEqual(planRetention([{ version: "1.0.0", endOfLifeDate: "2031-06-02T00:00:00Z" }, { version: "2.0.0" }], {}, NOW).retired, []);
        assert.deepStrictEqual(planRetention(entries, { retireAfterEndOfLife: false }, NOW).retired, []);
    });

    it("refuses a policy that would leave latest empty or that it cannot read, naming the field", () => {
        assert.deepStrictEqual(retentionProblems(undefined), []);
        assert.deepStrictEqual(retentionProblems({ keepInLatest: 2, retireAfterEndOfLife: false }), []);
        assert.deepStrictEqual(retentionProblems({ keepInLatest: 0, retireAfterEndOfLife: "no", keep: 1 }), [
            "retention.keep: not a field here (fields: keepInLatest, retireAfterEndOfLife)",
            "retention.keepInLatest: must be a whole number of at least 1, not 0",
            'retention.retireAfterEndOfLife: must be a boolean, not "no"',
        ]);
        assert.deepStrictEqual(retentionProblems({ keepInLatest: 1.5 }), ["retention.keepInLatest: must be a whole number of at least 1, not 1.5"]);
        assert.deepStrictEqual(retentionProblems(2), ['retention: must be an object { "keepInLatest": 1, "retireAfterEndOfLife": true }']);
    });

    it("holds its rules for any manifest, day and policy", () => {
        const parts = (v: string) => v.split(".").map(Number);
        const higher = (a: string, b: string) => {
            const [x, y] = [parts(a), parts(b)];
            const i = x.findIndex((n, k) => n !== y[k]);
            return i >= 0 && x[i] > y[i];
        };
        const version = fc.tuple(fc.nat(3), fc.nat(12), fc.nat(3)).map((p) => p.join("."));
        const entry = fc.record(
            { version, excludeFromLatest: fc.boolean(), endOfLifeDate: fc.integer({ min: -400, max: 400 }).map((d) => new Date(NOW + d * DAY).toISOString().slice(0, 10) + "T00:00:00Z") },
            { requiredKeys: ["version"] },
        );
        // As the manifest check leaves them: distinct versions, at least one not excluded from latest.
        const entries = fc
            .uniqueArray(entry, { minLength: 1, maxLength: 12, selector: (e) => e.version })
            .filter((es) => es.some((e) => e.excludeFromLatest !== true));
        const policy = fc.record({ keepInLatest: fc.integer({ min: 1, max: 5 }), retireAfterEndOfLife: fc.boolean() }, { requiredKeys: [] });
        fc.assert(
            fc.property(entries, policy, fc.integer({ min: -30, max: 30 }), (es, p, shift) => {
                const now = NOW + shift * DAY;
                const plan = planRetention(es, p, now);
                const all = es.map((e) => e.version);
                const byName = new Map(es.map((e) => [e.version, e]));
                const newest = all.find((v) => all.every((o) => o === v || higher(v, o)))!;
                const allowed = all.filter((v) => byName.get(v)!.excludeFromLatest !== true);
                const latest = allowed.find((v) => allowed.every((o) => o === v || higher(v, o)))!;
                const pastEnd = (v: string) => byName.get(v)!.endOfLifeDate !== undefined && Date.parse(byName.get(v)!.endOfLifeDate!) <= now;

                assert.deepStrictEqual([...plan.published, ...plan.retired].sort(), [...all].sort(), "every entry published or retired, once");
                assert.deepStrictEqual([plan.newest, plan.latest], [newest, latest]);
                assert.ok(plan.published.includes(newest), "the newest is never retired");
                assert.strictEqual(plan.inLatest[0], latest, "latest always finds a version: the highest one allowed");
                assert.ok(plan.inLatest.length <= (p.keepInLatest ?? 1));
                assert.ok(plan.inLatest.every((v) => plan.published.includes(v) && byName.get(v)!.excludeFromLatest !== true), "in latest: published and allowed");
                const outside = plan.published.filter((v) => !plan.inLatest.includes(v) && byName.get(v)!.excludeFromLatest !== true);
                if (outside.length > 0) {
                    assert.strictEqual(plan.inLatest.length, p.keepInLatest ?? 1, "one allowed is left out only when latest is full");
                    assert.ok(outside.every((o) => plan.inLatest.every((v) => higher(v, o))), "those left out are older than those in latest");
                }
                assert.ok(plan.retired.every(pastEnd), "only a version past its end of life is retired");
                if (p.retireAfterEndOfLife === false) assert.deepStrictEqual(plan.retired, []);
                else assert.ok(plan.published.filter(pastEnd).every((v) => v === newest || v === latest), "past its end of life, only the newest and the latest stay");
            }),
            { numRuns: 500 },
        );
    });
});
