/**
 * What "latest" picks among an image's versions (provider/functions/selection.ts): the highest
 * semantic version that is neither excluded from latest nor past its end of life, and when none is,
 * a reason naming each version. Pure: no Azure.
 */
import * as assert from "assert";
import * as fc from "fast-check";
import * as semver from "semver";
import { VersionFacts, pickLatest } from "../../provider/functions/selection";

const NOW = Date.parse("2026-06-01T00:00:00Z");
const latestOf = (versions: VersionFacts[]) => {
    const r = pickLatest(versions, NOW);
    return "latest" in r ? r.latest.name : r.none;
};

describe('"latest" among an image\'s versions', () => {
    it("is the highest version number, compared as numbers (1.10.0 after 1.9.0), not as text", () => {
        assert.strictEqual(latestOf([{ name: "1.9.0" }, { name: "1.10.0" }, { name: "1.2.0" }]), "1.10.0");
        assert.strictEqual(latestOf([{ name: "2.0.0" }, { name: "10.0.0" }]), "10.0.0");
    });

    it("leaves out versions excluded from latest and versions past their end of life; one whose end of life is ahead stays in", () => {
        const versions = [
            { name: "3.0.0", excludeFromLatest: true },
            { name: "2.1.0", endOfLifeDate: "2026-05-31T23:59:59Z" },
            { name: "2.0.0", endOfLifeDate: "2026-06-02T00:00:00Z" },
            { name: "1.0.0" },
        ];
        assert.strictEqual(latestOf(versions), "2.0.0");
    });

    it("an end of life at this very moment is past", () => {
        assert.strictEqual(latestOf([{ name: "2.0.0", endOfLifeDate: new Date(NOW).toISOString() }, { name: "1.0.0" }]), "1.0.0");
    });

    it("with none eligible, says why for each version", () => {
        assert.strictEqual(latestOf([]), "it has no versions");
        assert.strictEqual(
            latestOf([{ name: "2.0.0", excludeFromLatest: true }, { name: "1.0.0", endOfLifeDate: "2026-01-01T00:00:00.000Z" }]),
            "none of its 2 version(s) can be latest: 2.0.0 excluded from latest; 1.0.0 past its end of life (2026-01-01T00:00:00.000Z)",
        );
    });

    it("for any set of versions: the pick is eligible, and no eligible version is higher", () => {
        const version = fc.record({
            name: fc.tuple(fc.nat(20), fc.nat(20), fc.nat(20)).map(([a, b, c]) => `${a}.${b}.${c}`),
            excludeFromLatest: fc.option(fc.boolean(), { nil: undefined }),
            endOfLifeDate: fc.option(fc.integer({ min: -10, max: 10 }).map((d) => new Date(NOW + d * 86_400_000).toISOString()), { nil: undefined }),
        });
        fc.assert(
            fc.property(fc.array(version, { maxLength: 12 }), (versions) => {
                const eligible = versions.filter((v) => v.excludeFromLatest !== true && !(v.endOfLifeDate !== undefined && Date.parse(v.endOfLifeDate) <= NOW));
                const r = pickLatest(versions, NOW);
                if (eligible.length === 0) return "none" in r;
                if (!("latest" in r)) return false;
                return eligible.includes(r.latest) && eligible.every((v) => !semver.gt(v.name, r.latest.name));
            }),
        );
    });
});
