/**
 * What a consumer of shared images reads: the read-only regional proxies ARM's gallery service keeps
 * for a gallery shared directly with subscriptions and tenants (`…/locations/{l}/sharedGalleries/
 * {galleryUniqueName}`) or with the community (`…/locations/{l}/communityGalleries/{publicGalleryName}`),
 * their images and image versions (azure-spec/GalleryRP.2025-12-03.shared-galleries-extract.json, its
 * official examples in examples/sharedGalleryExamples and examples/communityGalleryExamples). They are
 * derived from the galleries the service holds; nothing here is written.
 *
 * Who may read them (Microsoft Learn share-gallery-direct.md, "Share a gallery": "Only subscriptions
 * and tenants that you've shared your gallery with can interact with the proxy resources"; "When a
 * gallery is shared with the tenant, all subscriptions within the tenant get access"; share-gallery-
 * community.md: "These proxy resources are public"). Where: the proxies are regional ("creates proxy
 * read-only regional resources"), so a version is read in the regions it is replicated to, and a
 * definition or gallery wherever it lives or one of its versions is replicated; only definitions and
 * versions made in the gallery's own region are shared ("Image resources need to be created in the same
 * region as the gallery … if you want to make them available", share-gallery-community.md; "The image
 * version's region in the gallery should be the same as the home region", share-gallery-direct.md).
 */
import { ArmError, invalidParameter } from "./armError";
import { JsonObject, JsonValue, arr, clone, isObject, obj, str } from "./json";
import { Kind } from "./kinds";
import { PageRequest, creationOrder, page } from "./paging";
import { Cloud, regionKey } from "./regions";
import { requireKnownRegion } from "./rules";

/** The part of a held resource the proxies are made from (service.ts's resources have this shape). */
export interface Held {
    kind: Kind;
    key: string;
    name: string;
    location: string;
    tags?: JsonValue;
    props: JsonObject;
    parentKey?: string;
    groups?: JsonObject[];
    createdAt: number;
    /** Versions: where they replicate, and when each region's copy is (or was) done. */
    regions?: { key: string; endAt: number; failure?: string }[];
}

export interface Holdings {
    resources(): Iterable<Held>;
    /** The directory a subscription belongs to (the caller's tenant, for galleries shared with tenants). */
    tenantOf(subscriptionId: string): string;
    cloud: Cloud;
    pageSize: number;
}

export interface SharedRequest extends PageRequest {
    method: string;
}

const ROUTE =
    /^\/subscriptions\/([^/]+)\/providers\/microsoft\.compute\/locations\/([^/]+)\/(sharedgalleries|communitygalleries)(?:\/([^/]+)(?:\/(images)(?:\/([^/]+)(?:\/(versions)(?:\/([^/]+))?)?)?)?)?$/i;

/**
 * What every community proxy says of itself: the recorded answers of a real community gallery, its
 * image and version (Azure/azure-cli `src/azure-cli/azure/cli/command_modules/vm/tests/latest/recordings/
 * test_community_gallery_operations.yaml`, recorded 2026-05-12) all carry this `disclaimer`.
 */
export const COMMUNITY_DISCLAIMER = "https://aka.ms/community-gallery-disclaimer";

type Scope = "subscription" | "tenant" | "either";

/** The answer to a shared or community read, or undefined when the path is not one. */
export function sharedRead(req: SharedRequest, held: Holdings, now: number): JsonObject | undefined {
    const m = ROUTE.exec(req.path);
    if (!m) return undefined;
    const [, subscription, location, collection, galleryName, images, imageName, versions, versionName] = m;
    if (req.method !== "GET") throw new ArmError(405, "MethodNotAllowed", `The requested method '${req.method}' is not allowed.`);
    const community = collection.toLowerCase() === "communitygalleries";
    const resourceType = `Microsoft.Compute/locations/${community ? "communityGalleries" : "sharedGalleries"}`;
    const region = regionKey(requireKnownRegion(location, resourceType, held.cloud));
    const view = new View([...held.resources()], region, now, community);
    const isList = !galleryName || (images && !imageName) || (versions && !versionName);
    // `sharedTo` is declared on the three shared lists only (SharedGalleries_List, SharedGalleryImages_List,
    // SharedGalleryImageVersions_List): "The query parameter to decide what shared galleries to fetch when doing
    // listing operations", enum SharedToValues [tenant]. Without it, galleries shared with the subscription; with
    // it, those shared with its tenant (the spec's author, Azure/azure-rest-api-specs#10466: "we return galleries
    // shared to subscription by default. If user specify '?sharedTo=tenant', then we turn to list galleries shared
    // the tenant"). A get names its gallery and reads it however it is shared.
    const scope: Scope = community ? "either" : isList ? sharedTo(req.query) : "either";
    const caller = { subscription, tenant: held.tenantOf(subscription), scope };
    // A page continues after the last proxy listed, named by its uniqueId (the examples' tokens end with the proxy's
    // own path, `…/Subscriptions/{subscriptionId}/galleries/galleryUniqueName`): nothing of the publisher's private
    // resource ids reaches the consumer.
    const list = (items: Held[], render: (r: Held) => JsonObject) =>
        page(req, items, (r) => creationOrder(r.createdAt, str(obj(render(r).identifier).uniqueId) ?? ""), render, held.pageSize);

    if (!galleryName) {
        // There is no list of community galleries in the spec (Azure/azure-cli#21470: "we do not have API level
        // support for it"): that path is left to the service's answer for a resource type it does not serve.
        if (community) return undefined;
        return list(view.directGalleries(caller), (g) => view.gallery(g, undefined, false));
    }
    const found = community ? view.communityGallery(galleryName) : view.directGallery(galleryName, caller);
    if (!found) throw notFound(`${resourceType}/${galleryName}`, region);
    const { gallery, publicName } = found;
    if (!images) return view.gallery(gallery, publicName, true);

    if (!imageName) return list(view.images(gallery), (i) => view.image(gallery, publicName, i, false));
    const image = view.images(gallery).find((i) => i.name.toLowerCase() === imageName.toLowerCase());
    if (!image) throw notFound(`${resourceType}/${galleryName}/images/${imageName}`, region);
    if (!versions) return view.image(gallery, publicName, image, true);

    if (!versionName) return list(view.versions(gallery, image), (v) => view.version(gallery, publicName, image, v, false));
    const version = view.versions(gallery, image).find((v) => v.name.toLowerCase() === versionName.toLowerCase());
    if (!version) throw notFound(`${resourceType}/${galleryName}/images/${imageName}/versions/${versionName}`, region);
    return view.version(gallery, publicName, image, version, true);
}

function sharedTo(query: URLSearchParams): Scope {
    const v = query.get("sharedTo");
    if (v === null) return "subscription";
    if (v.toLowerCase() === "tenant") return "tenant";
    // SharedToValues is modelAsString (open to values it does not list); the service's answer to another one is
    // not public. 400 InvalidParameter naming the option, as the emulator answers refused query values (query.ts).
    throw invalidParameter("sharedTo", `The value '${v}' of parameter 'sharedTo' is not valid. Allowed values are: tenant.`);
}

/**
 * No public answer shows the service's refusal of a shared or community read it cannot serve (ERRORS.md §6):
 * 404 ResourceNotFound, the code the service gives a resource it does not hold. A caller the gallery is not
 * shared with gets the same answer as for a gallery that does not exist: the proxies exist only for those it is
 * shared with.
 */
function notFound(what: string, region: string): ArmError {
    return new ArmError(404, "ResourceNotFound", `The Resource '${what}' was not found in location '${region}'.`);
}

const eq = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

class View {
    private readonly byParent = new Map<string, Held[]>();

    constructor(
        private readonly all: Held[],
        private readonly region: string,
        private readonly now: number,
        private readonly community: boolean,
    ) {
        for (const r of all) {
            if (!r.parentKey) continue;
            const siblings = this.byParent.get(r.parentKey) ?? [];
            siblings.push(r);
            this.byParent.set(r.parentKey, siblings);
        }
    }

    // ---------- which galleries, images and versions are shared, and where ----------

    private isDirectShared(g: Held, caller: { subscription: string; tenant: string; scope: Scope }): boolean {
        if (!eq(str(obj(g.props.sharingProfile).permissions), "Groups")) return false;
        const ids = (type: string) => (g.groups ?? []).filter((x) => x.type === type).flatMap((x) => arr(x.ids).map((id) => str(id) ?? ""));
        const bySubscription = ids("Subscriptions").some((id) => eq(id, caller.subscription));
        const byTenant = ids("AADTenants").some((id) => eq(id, caller.tenant));
        return caller.scope === "subscription" ? bySubscription : caller.scope === "tenant" ? byTenant : bySubscription || byTenant;
    }

    /** Public names of a gallery shared with the community: only once EnableCommunity has run (share-gallery-community.md). */
    private publicNames(g: Held): string[] {
        const sharing = obj(g.props.sharingProfile);
        const info = obj(sharing.communityGalleryInfo);
        if (!eq(str(sharing.permissions), "Community") || info.communityGalleryEnabled !== true) return [];
        return arr(info.publicNames).map((n) => str(n) ?? "").filter(Boolean);
    }

    private replicatedHere(v: Held): boolean {
        return (v.regions ?? []).some((r) => r.key === this.region && r.endAt <= this.now && !r.failure);
    }

    private presentHere(r: Held, versions: Held[]): boolean {
        return regionKey(r.location) === this.region || versions.some((v) => this.replicatedHere(v));
    }

    private galleries(): Held[] {
        return this.all.filter((r) => r.kind === "gallery" && this.presentHere(r, this.images(r).flatMap((i) => this.allVersions(r, i))));
    }

    directGalleries(caller: { subscription: string; tenant: string; scope: Scope }): Held[] {
        return this.galleries().filter((g) => this.isDirectShared(g, caller));
    }

    directGallery(uniqueName: string, caller: { subscription: string; tenant: string; scope: Scope }): { gallery: Held; publicName?: string } | undefined {
        const gallery = this.directGalleries(caller).find((g) => eq(str(obj(g.props.identifier).uniqueName), uniqueName));
        return gallery && { gallery };
    }

    communityGallery(publicName: string): { gallery: Held; publicName?: string } | undefined {
        for (const gallery of this.galleries()) {
            const name = this.publicNames(gallery).find((n) => eq(n, publicName));
            if (name) return { gallery, publicName: name };
        }
        return undefined;
    }

    /** Definitions made in the gallery's region, present in this one. */
    images(gallery: Held): Held[] {
        return (this.byParent.get(gallery.key) ?? []).filter(
            (i) => i.kind === "image" && regionKey(i.location) === regionKey(gallery.location) && this.presentHere(i, this.allVersions(gallery, i)),
        );
    }

    private allVersions(gallery: Held, image: Held): Held[] {
        return (this.byParent.get(image.key) ?? []).filter((v) => v.kind === "version" && regionKey(v.location) === regionKey(gallery.location));
    }

    /** Versions replicated to this region. */
    versions(gallery: Held, image: Held): Held[] {
        return this.allVersions(gallery, image).filter((v) => this.replicatedHere(v));
    }

    // ---------- answers, as the official examples show them ----------

    private uniqueId(gallery: Held, publicName: string | undefined): string {
        return this.community ? `/CommunityGalleries/${publicName ?? ""}` : `/SharedGalleries/${str(obj(gallery.props.identifier).uniqueName) ?? ""}`;
    }

    /**
     * The members every proxy has: name, location, the `identifier.uniqueId` the official examples show
     * (`/SharedGalleries/{unique name}[/Images/{image}[/Versions/{version}]]`, `/CommunityGalleries/{public name}…`),
     * and, for a community get only, the `type` CommunityGallery_Get.json, CommunityGalleryImage_Get.json and
     * CommunityGalleryImageVersion_Get.json show (their list examples, and every shared example, have none; the
     * shared proxies' spec model PirSharedGalleryResource declares none). No `id`: neither model declares one.
     * The location is the region the request named, as the recorded answers give it (`eastus2`).
     */
    private envelope(name: string, uniqueId: string, type: string, withType: boolean, properties: JsonObject): JsonObject {
        const out: JsonObject = { name, location: this.region };
        if (this.community && withType) out.type = `Microsoft.Compute/locations/${type}`;
        out.identifier = { uniqueId };
        out.properties = properties;
        return out;
    }

    /**
     * `artifactTags`: "The artifact tags of a shared gallery resource" (spec) — the resource's own tags, as the
     * community galleries Azure Resource Graph lists show them (the same recording: `"artifactTags":{"owner":…,
     * "environment":"prod",…}`); absent for a resource without tags, as the recorded answers are.
     */
    private common(r: Held, properties: JsonObject): JsonObject {
        if (isObject(r.tags) && Object.keys(r.tags).length > 0) properties.artifactTags = clone(r.tags);
        if (this.community) properties.disclaimer = COMMUNITY_DISCLAIMER;
        return properties;
    }

    gallery(g: Held, publicName: string | undefined, single: boolean): JsonObject {
        const properties: JsonObject = {};
        if (this.community) {
            // CommunityGalleryMetadata, from the gallery's communityGalleryInfo (the recorded CommunityGalleries_Get
            // answer carries publisherUri, publisherContact, eula and publicNames; the gallery holds no privacy
            // statement to give, so the example's privacyStatementUri is left out).
            const info = obj(obj(g.props.sharingProfile).communityGalleryInfo);
            const metadata: JsonObject = {};
            for (const k of ["publisherUri", "publisherContact", "eula"]) if (str(info[k]) !== undefined) metadata[k] = info[k];
            metadata.publicNames = this.publicNames(g);
            properties.communityMetadata = metadata;
        }
        const name = this.community ? publicName ?? "" : str(obj(g.props.identifier).uniqueName) ?? g.name;
        return this.envelope(name, this.uniqueId(g, publicName), "communityGallery", single, this.common(g, properties));
    }

    /** SharedGalleryImageProperties / CommunityGalleryImageProperties: the definition's own members of those models. */
    image(g: Held, publicName: string | undefined, i: Held, single: boolean): JsonObject {
        const properties: JsonObject = {};
        const members = ["osType", "osState", "endOfLifeDate", "identifier", "recommended", "disallowed", "hyperVGeneration", "features", "purchasePlan", "architecture", "privacyStatementUri", "eula"];
        for (const k of members) if (i.props[k] !== undefined) properties[k] = clone(i.props[k] as JsonValue);
        return this.envelope(i.name, `${this.uniqueId(g, publicName)}/Images/${i.name}`, "communityGalleryImage", single, this.common(i, properties));
    }

    /**
     * SharedGalleryImageVersionProperties / CommunityGalleryImageVersionProperties: the publishing dates, whether
     * `latest` skips it here (the region's own `excludeFromLatest`, else the version's: TargetRegion "Contains the
     * flag setting to hide an image when users specify version='latest'"), and the disks as
     * SharedGalleryImageVersionStorageProfile names them (`diskSizeGB`, `hostCaching`, data disks by `lun`).
     */
    version(g: Held, publicName: string | undefined, i: Held, v: Held, single: boolean): JsonObject {
        const pub = obj(v.props.publishingProfile);
        const target = arr(pub.targetRegions).map(obj).find((t) => regionKey(str(t.name) ?? "") === this.region);
        const properties: JsonObject = {};
        if (str(pub.publishedDate) !== undefined) properties.publishedDate = pub.publishedDate;
        if (str(pub.endOfLifeDate) !== undefined) properties.endOfLifeDate = pub.endOfLifeDate;
        const exclude = target?.excludeFromLatest ?? pub.excludeFromLatest;
        properties.excludeFromLatest = exclude === true;
        const storage = obj(v.props.storageProfile);
        const disk = (d: JsonObject): JsonObject => {
            const out: JsonObject = {};
            if (typeof d.sizeInGB === "number") out.diskSizeGB = d.sizeInGB;
            if (str(d.hostCaching) !== undefined) out.hostCaching = d.hostCaching;
            return out;
        };
        const profile: JsonObject = {};
        if (isObject(storage.osDiskImage)) profile.osDiskImage = disk(storage.osDiskImage);
        const data = arr(storage.dataDiskImages).map(obj);
        if (data.length > 0) profile.dataDiskImages = data.map((d) => ({ lun: d.lun ?? null, ...disk(d) }));
        properties.storageProfile = profile;
        return this.envelope(v.name, `${this.uniqueId(g, publicName)}/Images/${i.name}/Versions/${v.name}`, "communityGalleryImageVersion", single, this.common(v, properties));
    }
}
