/**
 * The selection behind getLatestImageVersion, getLatestApplicationVersion and galleryStatus, over
 * random sets of versions: the version chosen is the highest Major.Minor.Patch among those that
 * qualify, and none is chosen exactly when none qualifies. What qualifies is written out again here
 * from the rules as documented (README, docs/consuming.md), with numbers compared as numbers, not
 * through the package's code.
 */
import * as assert from "assert";
import fc from "fast-check";
import { PublishedVersion, selectLatest } from "../../provider/functions/selection";

const NOW = new Date("2030-06-01T00:00:00Z");

/** Regions as Azure answers them (display names) and as a program may write them (normalized). */
const REGIONS = [
    ["East US", "eastus"],
    ["West Europe", "westeurope"],
    ["Japan East", "japaneast"],
] as const;

const part = fc.integer({ min: 0, max: 12 });
/** Mostly Major.Minor.Patch, so that 1.10.0 meets 1.9.0 and 1.2.10; now and then a name the service would refuse. */
const name = fc.oneof({ weight: 20, arbitrary: fc.tuple(part, part, part).map((p) => p.join(".")) }, { weight: 1, arbitrary: fc.constantFrom("1.2", "latest", "1.0.0-rc") });
const flag = fc.option(fc.boolean(), { nil: undefined });
const state = fc.constantFrom("Completed", "Completed", "Replicating", "Failed", "Unknown");

const region = fc.record({
    index: fc.integer({ min: 0, max: REGIONS.length - 1 }),
    spelledShort: fc.boolean(),
    exclude: flag,
    replication: state,
});

const version = fc.record({
    name,
    provisioningState: fc.constantFrom("Succeeded", "Succeeded", "Succeeded", "Failed", "Creating", "Updating"),
    exclude: flag,
    endOfLife: fc.option(fc.constantFrom(-86_400_000, 86_400_000), { nil: undefined }),
    regions: fc.uniqueArray(region, { selector: (r) => r.index, maxLength: REGIONS.length }),
    replicationRead: fc.boolean(),
});
type Drawn = typeof version extends fc.Arbitrary<infer T> ? T : never;

/** The version as the SDK would read it. */
function model(v: Drawn): PublishedVersion {
    return {
        id: `/versions/${v.name}`,
        name: v.name,
        provisioningState: v.provisioningState,
        publishingProfile: {
            excludeFromLatest: v.exclude,
            endOfLifeDate: v.endOfLife === undefined ? undefined : new Date(NOW.getTime() + v.endOfLife),
            targetRegions: v.regions.map((r) => ({ name: REGIONS[r.index][r.spelledShort ? 1 : 0], ...(r.exclude === undefined ? {} : { excludeFromLatest: r.exclude }) })),
        },
        replicationStatus: v.replicationRead ? { summary: v.regions.map((r) => ({ region: REGIONS[r.index][0], state: r.replication })) } : undefined,
    };
}

/** The rules, from their documentation: what a VM in `regionIndex` (or anywhere) asking for latest may get. */
function qualifies(v: Drawn, regionIndex: number | undefined, includeEndOfLife: boolean): boolean {
    if (!/^\d+\.\d+\.\d+$/.test(v.name)) return false;
    if (v.provisioningState !== "Succeeded") return false;
    if (!includeEndOfLife && v.endOfLife !== undefined && v.endOfLife <= 0) return false;
    const excludedIn = (r: Drawn["regions"][number]) => r.exclude ?? v.exclude ?? false;
    if (regionIndex === undefined) return v.regions.length > 0 ? v.regions.some((r) => !excludedIn(r)) : !(v.exclude ?? false);
    const target = v.regions.find((r) => r.index === regionIndex);
    return target !== undefined && v.replicationRead && target.replication === "Completed" && !excludedIn(target);
}

const numbers = (n: string) => n.split(".").map(Number);
const above = (a: string, b: string) => {
    const [x, y] = [numbers(a), numbers(b)];
    for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i];
    return false;
};

describe("which version is latest (property)", () => {
    it("the chosen version qualifies and no qualifying version is above it; none is chosen only when none qualifies", () => {
        fc.assert(
            fc.property(
                fc.uniqueArray(version, { selector: (v) => v.name, maxLength: 12 }),
                fc.option(fc.record({ index: fc.integer({ min: 0, max: REGIONS.length - 1 }), short: fc.boolean() }), { nil: undefined }),
                fc.boolean(),
                (drawn, where, includeEndOfLife) => {
                    const region = where === undefined ? undefined : REGIONS[where.index][where.short ? 1 : 0];
                    const { latest, skipped } = selectLatest(drawn.map(model), { region, includeEndOfLife, now: NOW });
                    const qualifying = drawn.filter((v) => qualifies(v, where?.index, includeEndOfLife));
                    if (qualifying.length === 0) {
                        assert.strictEqual(latest, undefined);
                        assert.strictEqual(skipped.length, drawn.length, "every version is accounted for");
                        return;
                    }
                    assert.ok(latest, `none chosen among ${qualifying.map((v) => v.name).join(", ")}`);
                    const chosen = drawn.find((v) => v.name === latest.name)!;
                    assert.ok(qualifies(chosen, where?.index, includeEndOfLife), `${latest.name} does not qualify`);
                    const higher = qualifying.filter((v) => above(v.name, chosen.name)).map((v) => v.name);
                    assert.deepStrictEqual(higher, [], `${latest.name} chosen below qualifying ${higher.join(", ")}`);
                    // Everything skipped is above the chosen one and does not qualify.
                    for (const s of skipped) assert.ok(!qualifies(drawn.find((v) => v.name === s.version.name)!, where?.index, includeEndOfLife), `${s.version.name} skipped (${s.reason.kind}) yet qualifies`);
                },
            ),
            { numRuns: 2000 },
        );
    });

    it("orders by number, not by text: 1.10.0 above 1.9.0 above 1.2.10", () => {
        const v = (n: string): PublishedVersion => ({ name: n, provisioningState: "Succeeded", publishingProfile: {} });
        assert.strictEqual(selectLatest([v("1.2.10"), v("1.10.0"), v("1.9.0")], { now: NOW }).latest?.name, "1.10.0");
        assert.strictEqual(selectLatest([v("1.2.10"), v("1.9.0")], { now: NOW }).latest?.name, "1.9.0");
    });
});
