/**
 * What the gallery functions read from Azure, through the SDK: every page of a definition's versions,
 * each version's replication where the rules need it, and a whole gallery for its status. Loaded only
 * when a function is called (latest.ts), so a program that imports the package loads no Azure SDK.
 */
import type { ComputeManagementClient } from "@azure/arm-compute";
import { codeOf, computeClient, statusOf, subscriptionOf } from "../azure/client";
import { resolveSettings } from "../azure/settings";
import type { ConfigLookup } from "../config";
import { regionKey } from "../schema/values";
import { Criteria, PublishedVersion, Selection, describeLatest, excludedIn, newestFirst, replicationIn, replicationSummary, selectLatest, skipReasons, tally } from "./selection";
import type { DefinitionStatus, GalleryStatus, LatestVersion, RegionLatest, VersionStatus } from "./types";

/** Where the settings come from: an explicit subscription, then stack config (`config`), then the environment. */
export interface Connection {
    subscriptionId?: string;
    config: ConfigLookup;
    env?: NodeJS.ProcessEnv;
}

/** An image definition or a VM application, by the names that address it. */
export interface Definition {
    kind: "image" | "application";
    resourceGroupName: string;
    galleryName: string;
    name: string;
}

const KIND_WORDS = { image: "image definition", application: "VM application" } as const;

function describe(d: Definition): string {
    return `${KIND_WORDS[d.kind]} "${d.name}" in gallery "${d.galleryName}" (resource group "${d.resourceGroupName}")`;
}

function connect(connection: Connection): { client: ComputeManagementClient; subscriptionId: string } {
    const settings = resolveSettings({ subscriptionId: connection.subscriptionId }, connection.env ?? process.env, connection.config);
    return { client: computeClient(settings), subscriptionId: subscriptionOf(settings) };
}

/** The definition's versions: the list (every page: the SDK's iterator follows nextLink) and one version with its replication. */
interface Versions {
    list(): AsyncIterable<PublishedVersion>;
    read(name: string): Promise<PublishedVersion>;
}

function versionsOf(client: ComputeManagementClient, d: Definition): Versions {
    const { resourceGroupName: rg, galleryName: g, name } = d;
    // Lists do not take $expand (spec: GalleryImageVersions_ListByGalleryImage has no such parameter); a GET does.
    return d.kind === "image"
        ? { list: () => client.galleryImageVersions.listByGalleryImage(rg, g, name), read: (v: string) => client.galleryImageVersions.get(rg, g, name, v, { expand: "ReplicationStatus" }) }
        : { list: () => client.galleryApplicationVersions.listByGalleryApplication(rg, g, name), read: (v: string) => client.galleryApplicationVersions.get(rg, g, name, v, { expand: "ReplicationStatus" }) };
}

/** An Azure error with what was being read, keeping Azure's own words and status. */
export class AzureRefusal extends Error {
    constructor(what: string, cause: unknown) {
        const status = statusOf(cause);
        const code = codeOf(cause);
        const said = cause instanceof Error ? cause.message : String(cause);
        super(`Reading ${what} failed${status ? ` (HTTP ${status}${code ? ` ${code}` : ""})` : ""}: ${said}`, { cause });
        this.name = "AzureRefusal";
    }
}

async function reading<T>(what: string, read: () => Promise<T>): Promise<T> {
    try {
        return await read();
    } catch (e) {
        throw new AzureRefusal(what, e);
    }
}

async function all<T>(pages: AsyncIterable<T>): Promise<T[]> {
    const out: T[] = [];
    for await (const item of pages) out.push(item);
    return out;
}

/** Runs `f` over the items, at most `limit` at once (ARM counts reads against the subscription's limits). */
async function inTurn<T, R>(items: readonly T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
    const out: R[] = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            out[i] = await f(items[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return out;
}

const READS_AT_ONCE = 4;

/** The version `latest` resolves to, or an error saying why none qualifies. */
export async function latestVersion(connection: Connection, d: Definition, criteria: Criteria): Promise<LatestVersion> {
    const { client } = connect(connection);
    const versions = versionsOf(client, d);
    const listed: PublishedVersion[] = await reading(`the versions of ${describe(d)}`, () => all(versions.list()));
    const read = (v: PublishedVersion) => reading(`version ${v.name} of ${describe(d)}`, () => versions.read(v.name ?? ""));
    // The list carries no replication; it is read one version at a time, newest first, only for versions
    // that every other rule admits, until one qualifies.
    const judged: PublishedVersion[] = [];
    for (const v of newestFirst(listed)) {
        const reasons = skipReasons(v, criteria);
        const full = reasons.length === 1 && reasons[0].kind === "replicationUnread" ? await read(v) : v;
        judged.push(full);
        if (skipReasons(full, criteria).length === 0) break;
    }
    const { latest } = selectLatest(judged, criteria);
    if (latest) return describeLatest(latest.replicationStatus ? latest : await read(latest));
    // Nothing qualifies: the replication of the versions that target the region is read after all,
    // so that the message says what happened there (a Failed version is often Failed in that region).
    const unread = (v: PublishedVersion) => skipReasons(v, criteria).some((r) => r.kind === "replicationUnread");
    const full = await inTurn(judged, READS_AT_ONCE, (v) => (unread(v) ? read(v) : Promise.resolve(v)));
    const second = selectLatest(full, criteria);
    if (second.latest) return describeLatest(second.latest);
    throw new Error(nothingQualifies(d, criteria, listed.length, second.skipped));
}

function nothingQualifies(d: Definition, c: Criteria, total: number, skipped: Selection<PublishedVersion>["skipped"]): string {
    const where = c.region !== undefined ? ` in ${c.region}` : "";
    if (total === 0) return `No version of ${describe(d)} can be latest${where}: it has no versions.`;
    const hint = skipped.some((s) => s.reason.kind === "endOfLife") ? " (includeEndOfLife admits versions past their end of life)" : "";
    return `No version of ${describe(d)} qualifies as latest${where}: ${tally(total, skipped, c.region)}.${hint}`;
}

/** A version region by region, its replication read. */
function versionStatus(v: PublishedVersion, now: Date): VersionStatus {
    const eol = v.publishingProfile?.endOfLifeDate;
    return {
        id: v.id ?? "",
        name: v.name ?? "",
        provisioningState: v.provisioningState,
        publishedDate: v.publishingProfile?.publishedDate?.toISOString(),
        endOfLifeDate: eol?.toISOString(),
        endOfLifePassed: eol !== undefined && eol.getTime() <= now.getTime(),
        excludeFromLatest: v.publishingProfile?.excludeFromLatest ?? false,
        regions: (v.publishingProfile?.targetRegions ?? []).map((r) => ({
            name: r.name,
            replicationState: replicationIn(v, r.name),
            progress: replicationSummary(v, r.name)?.progress,
            details: replicationSummary(v, r.name)?.details || undefined,
            ownExcludeFromLatest: r.excludeFromLatest,
            excludeFromLatest: excludedIn(v, r.name),
        })),
    };
}

/** Every region the versions target, once each (as the newest version spelling it does). */
function regionsOf(versions: readonly PublishedVersion[]): string[] {
    const seen = new Map<string, string>();
    for (const v of versions) for (const r of v.publishingProfile?.targetRegions ?? []) if (!seen.has(regionKey(r.name))) seen.set(regionKey(r.name), r.name);
    return [...seen.values()];
}

async function definitionStatus(client: ComputeManagementClient, d: Definition, id: string, now: Date): Promise<DefinitionStatus> {
    const versions = versionsOf(client, d);
    const listed = await reading(`the versions of ${describe(d)}`, () => all(versions.list()));
    const full: PublishedVersion[] = newestFirst(await inTurn(listed, READS_AT_ONCE, (v) => reading(`version ${v.name} of ${describe(d)}`, () => versions.read(v.name ?? ""))));
    const regions = regionsOf(full);
    const latest: RegionLatest[] = regions.map((region) => {
        // The same selection as getLatestImageVersion / getLatestApplicationVersion with this region.
        const { latest: chosen, skipped } = selectLatest(full, { region, now });
        return chosen ? { region, version: chosen.name } : { region, reason: tally(full.length, skipped, region) };
    });
    return { kind: d.kind, id, name: d.name, regions, versions: full.map((v) => versionStatus(v, now)), latest };
}

/** Each image definition and VM application of the gallery, its versions region by region, and `latest` in each region. */
export async function galleryStatus(connection: Connection, resourceGroupName: string, galleryName: string, now: Date): Promise<GalleryStatus> {
    const { client, subscriptionId } = connect(connection);
    const where = `gallery "${galleryName}" (resource group "${resourceGroupName}")`;
    const gallery = await reading(where, () => client.galleries.get(resourceGroupName, galleryName));
    const [images, applications] = await Promise.all([
        reading(`the image definitions of ${where}`, () => all(client.galleryImages.listByGallery(resourceGroupName, galleryName))),
        reading(`the VM applications of ${where}`, () => all(client.galleryApplications.listByGallery(resourceGroupName, galleryName))),
    ]);
    const definitions = [
        ...images.map((i) => ({ kind: "image" as const, id: i.id ?? "", name: i.name ?? "" })),
        ...applications.map((a) => ({ kind: "application" as const, id: a.id ?? "", name: a.name ?? "" })),
    ];
    const statuses: DefinitionStatus[] = [];
    // One definition at a time: each reads its versions READS_AT_ONCE at a time.
    for (const d of definitions) statuses.push(await definitionStatus(client, { kind: d.kind, resourceGroupName, galleryName, name: d.name }, d.id, now));
    return { id: gallery.id ?? "", subscriptionId, resourceGroupName, galleryName: gallery.name ?? galleryName, definitions: statuses };
}
