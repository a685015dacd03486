/**
 * Image versions shared with you: a version of a gallery shared directly with your subscription or
 * tenant (SharedGalleryImageVersions_Get and _List) or published to the community
 * (CommunityGalleryImageVersions_Get and _List), by name or as "latest" (selection.ts). Each runs in
 * the caller's process with the settings the resources use (session.ts); the `…Output` forms take
 * Pulumi inputs and give an output, for a program.
 */
import * as pulumi from "@pulumi/pulumi";
import { PublishedVersion, selectLatest, tally } from "./selection";
import { Session, session } from "./session";

/** A version of an image in a gallery shared directly with your subscription or tenant. */
export interface SharedImageVersionArgs {
    /** A region the gallery's image is replicated to (the lookup is per region). */
    location: string;
    /** The gallery's unique name, as the gallery's `identifier.uniqueName` reports it ("{subscription}-{GALLERY}"). */
    galleryUniqueName: string;
    galleryImageName: string;
    /** A version name, or "latest": the highest version not excluded from latest and not past its end of life. */
    galleryImageVersionName: string;
    /** The subscription the gallery is shared with; the provider's subscription when absent. */
    subscriptionId?: string;
}

/** A version of an image in a community gallery. */
export interface CommunityImageVersionArgs {
    location: string;
    /** The gallery's public name, as its `sharingProfile.communityGalleryInfo.publicNames` reports it. */
    publicGalleryName: string;
    galleryImageName: string;
    /** A version name, or "latest" (as for shared galleries). */
    galleryImageVersionName: string;
    subscriptionId?: string;
}

/** What a lookup returns of the version. */
export interface SharedImageVersionResult {
    /**
     * The version's unique id as Azure reports it (`identifier.uniqueId`):
     * `/SharedGalleries/{galleryUniqueName}/Images/{image}/Versions/{version}`, or
     * `/CommunityGalleries/{publicGalleryName}/Images/{image}/Versions/{version}`.
     */
    id: string;
    /** The version's name: the one asked for, or the one "latest" chose. */
    name: string;
    location: string;
    /** When the version was published (RFC 3339). */
    publishedDate?: string;
    /** When it reaches its end of life (RFC 3339), if its publisher set one. */
    endOfLifeDate?: string;
    excludeFromLatest: boolean;
}

type AsInputs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/** What the SDK's shared and community version models hold alike (identifier flattened to `uniqueId`). */
interface SdkVersion {
    name?: string;
    location?: string;
    uniqueId?: string;
    publishedDate?: Date;
    endOfLifeDate?: Date;
    excludeFromLatest?: boolean;
}

const LATEST = "latest";

function result(v: SdkVersion, fallbackId: string, location: string): SharedImageVersionResult {
    return {
        id: v.uniqueId ?? fallbackId,
        name: String(v.name),
        location: v.location ?? location,
        publishedDate: v.publishedDate?.toISOString(),
        endOfLifeDate: v.endOfLifeDate?.toISOString(),
        excludeFromLatest: v.excludeFromLatest === true,
    };
}

/** The SDK's operations on one family's versions (sharedGalleryImageVersions, communityGalleryImageVersions). */
interface VersionOperations {
    get(location: string, gallery: string, image: string, version: string): Promise<SdkVersion>;
    list(location: string, gallery: string, image: string): AsyncIterable<SdkVersion>;
}

/** A family of galleries shared with you: how messages name it, its unique ids' root, its operations. */
interface Family {
    what: string;
    root: string;
    operations(s: Session): VersionOperations;
}

const SHARED: Family = { what: "shared gallery image", root: "SharedGalleries", operations: (s) => s.client.sharedGalleryImageVersions };
const COMMUNITY: Family = { what: "community gallery image", root: "CommunityGalleries", operations: (s) => s.client.communityGalleryImageVersions };

/** One lookup: the named version (one GET), or every page of the versions and the choice of latest. */
async function lookup(family: Family, location: string, gallery: string, image: string, version: string, subscriptionId: string | undefined): Promise<SharedImageVersionResult> {
    const s = await session(subscriptionId);
    const calls = family.operations(s);
    const what = `${family.what} "${gallery}/${image}"`;
    const uniqueId = (v: string) => `/${family.root}/${gallery}/Images/${image}/Versions/${v}`;
    if (version.toLowerCase() !== LATEST) {
        try {
            return result(await calls.get(location, gallery, image, version), uniqueId(version), location);
        } catch (e) {
            throw s.refused("read", `${family.what} version "${gallery}/${image}/${version}" in ${location}`, e);
        }
    }
    const versions: SdkVersion[] = [];
    try {
        for await (const v of calls.list(location, gallery, image)) versions.push(v);
    } catch (e) {
        throw s.refused("list the versions of", `${what} in ${location}`, e);
    }
    const { latest, skipped } = selectLatest(versions.map(asPublished), { now: new Date() });
    if (!latest) throw new Error(`${what} in ${location} has no latest version: ${tally(versions.length, skipped)}.`);
    return result(latest.shared, uniqueId(String(latest.shared.name)), location);
}

/**
 * A shared version in the shape the one choice of latest reads (selection.ts). Azure lists only
 * published versions to those it shares them with (the shared and community answers carry no
 * provisioning state), so each counts as provisioned; its flags and dates are the version's own.
 */
function asPublished(v: SdkVersion): PublishedVersion & { shared: SdkVersion } {
    return {
        name: v.name,
        provisioningState: "Succeeded",
        publishingProfile: { excludeFromLatest: v.excludeFromLatest, endOfLifeDate: v.endOfLifeDate, publishedDate: v.publishedDate },
        shared: v,
    };
}

/** A version of an image in a gallery shared directly with you, by name or "latest". */
export function getSharedImageVersion(a: SharedImageVersionArgs): Promise<SharedImageVersionResult> {
    return lookup(SHARED, a.location, a.galleryUniqueName, a.galleryImageName, a.galleryImageVersionName, a.subscriptionId);
}

/** A version of an image in a community gallery, by name or "latest". */
export function getCommunityImageVersion(a: CommunityImageVersionArgs): Promise<SharedImageVersionResult> {
    return lookup(COMMUNITY, a.location, a.publicGalleryName, a.galleryImageName, a.galleryImageVersionName, a.subscriptionId);
}

/** getSharedImageVersion for a program: inputs in, an output out (unknown in a preview while an input is). */
export function getSharedImageVersionOutput(args: AsInputs<SharedImageVersionArgs>): pulumi.Output<SharedImageVersionResult> {
    return pulumi.output(args).apply((a) => getSharedImageVersion(a));
}

/** getCommunityImageVersion for a program: inputs in, an output out. */
export function getCommunityImageVersionOutput(args: AsInputs<CommunityImageVersionArgs>): pulumi.Output<SharedImageVersionResult> {
    return pulumi.output(args).apply((a) => getCommunityImageVersion(a));
}
