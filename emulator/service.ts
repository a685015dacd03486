/**
 * The emulated Microsoft.Compute gallery resource provider: resource state, long-running operations
 * and replication, independent of any HTTP concern (server.ts carries requests here).
 */
import { randomUUID } from "crypto";
import { ArmError, invalidParameter } from "./armError";
import { imageDefaults, publishingDefaults, regionStorageType, storageDefault } from "./defaults";
import { EchoStyle, applyEcho } from "./echo";
import { FaultAction } from "./faults";
import { Identities, StoredIdentity } from "./identity";
import { JsonObject, JsonValue, arr, clone, isObject, mergePatch, obj, str } from "./json";
import { EVERYTHING, PLAIN, RenderOptions, WRITTEN, parseQueryOptions } from "./query";
import { Cloud, displayName, regionKey } from "./regions";
import * as rules from "./rules";
import { bindBody } from "./schema";
import { SourceFacts, SourceRegistry, SourceSpec, checkEncryptionLuns, resolveLayout } from "./sources";
import { checkTags } from "./tags";
import * as family from "./family";
import { KINDS, Kind, isVersioned, kindOfPath, listKindOfPath } from "./kinds";
import { creationOrder, page } from "./paging";
import { Holdings, sharedRead } from "./shared";

export type { Kind } from "./kinds";

export interface Timing {
    /** How long a create/update/delete runs before it settles; 0 answers synchronously (default 25). */
    operationMs: number;
    /** How long an image version takes to replicate to one region (regions replicate one after another). */
    replicationMsPerRegion: number;
    /** Retry-After (seconds) sent with accepted long-running operations. */
    retryAfterSeconds: number;
    /** Items per list page before a nextLink is given. */
    pageSize: number;
}

interface Operation {
    id: string;
    location: string;
    resourceKey: string;
    kind: "create" | "update" | "delete" | "share";
    startedAt: number;
    until: number;
    failure?: { code: string; message: string };
    /** What the final poll returns for a share action. */
    result?: JsonObject;
}

interface RegionReplica {
    key: string;
    name: string;
    startAt: number;
    endAt: number;
    failure?: string;
    /** The replica count this region was replicated with; a change re-replicates it. */
    count?: JsonValue;
}

interface Resource {
    kind: Kind;
    key: string;
    id: string;
    name: string;
    location: string;
    tags?: JsonValue;
    props: JsonObject;
    identity?: StoredIdentity;
    /** Versions: how a region without its own storage type gets one, fixed at create. */
    storageDefault?: string;
    parentKey?: string;
    op?: Operation;
    regions?: RegionReplica[];
    groups?: JsonObject[];
    createdAt: number;
    lastChildGoneAt?: number;
}

export interface Request {
    method: string;
    path: string;
    query: URLSearchParams;
    body: JsonValue | undefined;
    /** scheme://host:port the client used, for the URLs the service hands out. */
    baseUrl: string;
    faults: FaultAction[];
}

export interface Response {
    status: number;
    body?: JsonValue;
    headers?: Record<string, string>;
}

const SUB = "/subscriptions/([^/]+)";
const RG = `${SUB}/resourcegroups/([^/]+)`;
const GAL = `${RG}/providers/microsoft\\.compute/galleries`;
const routes = {
    resourceGroup: new RegExp(`^${RG}$`, "i"),
    galleriesInSubscription: new RegExp(`^${SUB}/providers/microsoft\\.compute/galleries$`, "i"),
    galleries: new RegExp(`^${GAL}$`, "i"),
    gallery: new RegExp(`^${GAL}/([^/]+)$`, "i"),
    share: new RegExp(`^${GAL}/([^/]+)/share$`, "i"),
    /** Anything under a resource group's galleries: the kind and the list routes come from kinds.ts. */
    underGalleries: new RegExp(`^${GAL}/`, "i"),
    softDeleted: new RegExp(`^${GAL}/([^/]+)/softdeletedartifacttypes/([^/]+)/artifacts/([^/]+)/versions$`, "i"),
    operation: new RegExp(`^${SUB}/providers/microsoft\\.compute/locations/([^/]+)/capsoperations/([^/]+)$`, "i"),
};

/**
 * A community gallery's public names: its `publicNamePrefix`, a dash and a GUID ("The `prefix` value that you
 * provide when you create the gallery is used, along with a GUID, to create the public-facing name for your
 * gallery", share-gallery-community.md). Given when the gallery is made and kept from then on: a real gallery
 * created with prefix `pubname` answers `"communityGalleryEnabled": false, "publicNames":
 * ["pubname-c989b7ce-…"]` to its create, and the same name once EnableCommunity has run and its
 * CommunityGalleries_Get is served under it (Azure/azure-cli recording test_community_gallery_operations.yaml).
 */
function publicNames(info: JsonObject, before: JsonObject): JsonValue[] {
    const kept = arr(before.publicNames).filter((n) => typeof n === "string" && n.length > 0);
    return kept.length > 0 ? clone(kept) : [`${str(info.publicNamePrefix) ?? ""}-${randomUUID()}`];
}

export class GalleryService {
    private readonly resources = new Map<string, Resource>();
    private readonly resourceGroups = new Map<string, { id: string; name: string; location: string }>();
    private readonly operations = new Map<string, Operation>();
    /** Image versions deleted from galleries with soft delete on, restorable with PATCH `restore: true`. */
    private readonly softDeleted = new Map<string, { resource: Resource; deletedAt: number }>();

    private readonly sources = new SourceRegistry();
    private readonly identities = new Identities();
    /** Subscriptions placed in a directory of their own (assignTenant); the rest are in the identities' one. */
    private readonly tenants = new Map<string, string>();

    constructor(
        readonly timing: Timing,
        /** Switchable between runs, to show a client the same resources spelled both ways. */
        public echo: EchoStyle = "asWritten",
        /** The cloud this service stands for: its regions, and what its galleries may do. */
        readonly cloud: Cloud = "AzureCloud",
    ) {}

    // ---------- control surface for tests ----------

    /**
     * Makes a managed image, VM, disk or snapshot known to the service, so versions made from it
     * report its disk layout and are refused outside its region (sources.ts).
     */
    registerSource(id: string, spec: SourceSpec): void {
        this.sources.register(id, spec);
    }

    /**
     * Deletes a registered source (a build's managed image, once its version is published): versions
     * made from it keep it in `storageProfile.source`, a new version from it is refused.
     */
    removeSource(id: string): void {
        this.sources.remove(id);
    }

    /**
     * Places a subscription in a directory (Microsoft Entra tenant), for galleries shared with tenants
     * (`/share` groups of type AADTenants): a caller in that subscription reads what is shared with the tenant.
     * A subscription never placed is in the emulated cloud's one directory (the tenant its identities report).
     */
    assignTenant(subscriptionId: string, tenantId: string): void {
        this.tenants.set(subscriptionId.toLowerCase(), tenantId);
    }

    tenantOf(subscriptionId: string): string {
        return this.tenants.get(subscriptionId.toLowerCase()) ?? this.identities.tenantId;
    }

    createResourceGroup(subscriptionId: string, name: string, location = "westus"): void {
        const id = `/subscriptions/${subscriptionId}/resourceGroups/${name}`;
        this.resourceGroups.set(id.toLowerCase(), { id, name, location });
    }

    /** The resource as a GET with every expansion would show it, or undefined. */
    get(id: string): JsonObject | undefined {
        this.sweep(Date.now());
        const r = this.resources.get(id.toLowerCase());
        return r && (applyEcho(this.echo, this.render(r, EVERYTHING, Date.now())) as JsonObject);
    }

    /** Changes a resource behind the provider's back (a portal edit), bypassing the service's rules. */
    drift(id: string, change: { tags?: JsonObject; properties?: JsonObject; sharedWith?: JsonObject[] }): void {
        const r = this.resources.get(id.toLowerCase());
        if (!r) throw new Error(`no resource ${id}`);
        if (change.tags) r.tags = clone(change.tags);
        if (change.sharedWith) r.groups = clone(change.sharedWith);
        if (change.properties) {
            r.props = obj(mergePatch(r.props, change.properties));
            if (isVersioned(r.kind)) this.replan(r, Date.now(), [], true);
        }
    }

    /** When the version's replication to its last region ends (or ended), for the benchmark. */
    replicationEndsAt(id: string): number | undefined {
        const regions = this.resources.get(id.toLowerCase())?.regions ?? [];
        return regions.length > 0 ? Math.max(...regions.map((r) => r.endAt)) : undefined;
    }

    /** Removes a resource behind the provider's back. */
    remove(id: string): void {
        this.resources.delete(id.toLowerCase());
    }

    /** The ids of every resource the service holds, for a test that compares a stack's state with Azure. */
    ids(): string[] {
        this.sweep(Date.now());
        return [...this.resources.values()].map((r) => String(r.id));
    }

    count(kind?: Kind): number {
        this.sweep(Date.now());
        return [...this.resources.values()].filter((r) => !kind || r.kind === kind).length;
    }

    // ---------- request handling ----------

    handle(req: Request): Response {
        const out = this.route(req);
        return out.body === undefined ? out : { ...out, body: applyEcho(this.echo, out.body) };
    }

    private route(req: Request): Response {
        const now = Date.now();
        this.sweep(now);
        const p = req.path;
        let m: RegExpExecArray | null;
        if ((m = routes.operation.exec(p))) return this.operationStatus(m[3], req, now);
        // Shared and community galleries, as their consumers read them (shared.ts).
        const holdings: Holdings = { resources: () => this.resources.values(), tenantOf: (s) => this.tenantOf(s), cloud: this.cloud, pageSize: this.timing.pageSize };
        const shared = sharedRead(req, holdings, now);
        if (shared) return { status: 200, body: shared };
        if ((m = routes.resourceGroup.exec(p))) return this.resourceGroup(req, m[1], m[2]);
        if ((m = routes.galleriesInSubscription.exec(p))) {
            this.requireMethod(req, "GET");
            return this.list(req, (r) => r.kind === "gallery" && r.key.startsWith(`/subscriptions/${m![1]}/`.toLowerCase()), now);
        }
        if ((m = routes.galleries.exec(p))) {
            this.requireMethod(req, "GET");
            this.requireResourceGroup(m[1], m[2]);
            return this.list(req, (r) => r.kind === "gallery" && r.parentKey === undefined && r.key.startsWith(`${p.toLowerCase()}/`), now);
        }
        if ((m = routes.softDeleted.exec(p))) {
            this.requireMethod(req, "GET");
            return this.listSoftDeleted(req, m);
        }
        if ((m = routes.share.exec(p))) {
            this.requireMethod(req, "POST");
            return this.share(req, p.slice(0, -"/share".length), m[2], now);
        }
        const listed = routes.underGalleries.test(p) ? listKindOfPath(p) : undefined;
        if (listed) {
            this.requireMethod(req, "GET");
            const parentKey = p.slice(0, p.lastIndexOf("/")).toLowerCase();
            if (!this.resources.has(parentKey)) throw this.parentNotFound(p.slice(0, p.lastIndexOf("/")));
            return this.list(req, (r) => r.parentKey === parentKey && r.kind === listed, now);
        }
        const named = (m = routes.underGalleries.exec(p)) ? kindOfPath(p) : undefined;
        if (!m || !named) throw new ArmError(404, "InvalidResourceType", `The resource type could not be found for path '${p}'.`);
        const kind = named.kind;
        this.requireResourceGroup(m[1], m[2]);
        switch (req.method) {
            case "GET":
                return this.read(p, kind, req, now);
            case "PUT":
            case "PATCH":
                return this.write(p, kind, named.name, req, now);
            case "DELETE":
                return this.remove_(p, kind, req, now);
            default:
                throw new ArmError(405, "MethodNotAllowed", `The requested method '${req.method}' is not allowed.`);
        }
    }

    private requireMethod(req: Request, method: string): void {
        if (req.method !== method) throw new ArmError(405, "MethodNotAllowed", `The requested method '${req.method}' is not allowed.`);
    }

    private resourceGroup(req: Request, sub: string, name: string): Response {
        const id = `/subscriptions/${sub}/resourceGroups/${name}`;
        const key = id.toLowerCase();
        if (req.method === "PUT") {
            const location = str(obj(req.body).location);
            if (!location) throw new ArmError(400, "LocationRequired", "The location property is required for this definition.");
            const existed = this.resourceGroups.has(key);
            this.createResourceGroup(sub, name, location);
            return { status: existed ? 200 : 201, body: { id, name, type: "Microsoft.Resources/resourceGroups", location, properties: { provisioningState: "Succeeded" } } };
        }
        const rg = this.resourceGroups.get(key);
        if (!rg) throw this.resourceGroupNotFound(name);
        if (req.method === "GET") {
            return { status: 200, body: { id: rg.id, name: rg.name, type: "Microsoft.Resources/resourceGroups", location: rg.location, properties: { provisioningState: "Succeeded" } } };
        }
        if (req.method === "DELETE") {
            for (const k of [...this.resources.keys()]) if (k.startsWith(`${key}/`)) this.resources.delete(k);
            this.resourceGroups.delete(key);
            return { status: 200 };
        }
        throw new ArmError(405, "MethodNotAllowed", `The requested method '${req.method}' is not allowed.`);
    }

    private requireResourceGroup(sub: string, rg: string): void {
        if (!this.resourceGroups.has(`/subscriptions/${sub}/resourcegroups/${rg}`.toLowerCase())) throw this.resourceGroupNotFound(rg);
    }

    private resourceGroupNotFound(rg: string): ArmError {
        return new ArmError(404, "ResourceGroupNotFound", `Resource group '${rg}' could not be found.`);
    }

    private parentNotFound(parentPath: string): ArmError {
        const label = parentPath.replace(/^.*\/galleries\//i, "").replace(/\/(images|applications|inVMAccessControlProfiles|scripts)\//i, "/");
        return new ArmError(404, "ParentResourceNotFound", `Can not perform requested operation on nested resource. Parent resource '${label}' not found.`);
    }

    private notFound(kind: Kind, path: string): ArmError {
        const name = path.slice(path.lastIndexOf("/") + 1);
        return new ArmError(404, "ResourceNotFound", `The Resource '${KINDS[kind].type}/${name}' under resource group was not found.`);
    }

    private read(path: string, kind: Kind, req: Request, now: number): Response {
        const r = this.resources.get(path.toLowerCase());
        if (!r) {
            if (kind !== "gallery") {
                const parent = path.slice(0, path.slice(0, path.lastIndexOf("/")).lastIndexOf("/"));
                if (!this.resources.has(parent.toLowerCase())) throw this.parentNotFound(parent);
            }
            throw this.notFound(kind, path);
        }
        return { status: 200, body: this.render(r, parseQueryOptions(kind, req.query), now) };
    }

    // ---------- create / update ----------

    private write(path: string, kind: Kind, name: string, req: Request, now: number): Response {
        const isPut = req.method === "PUT";
        const key = path.toLowerCase();
        const existing = this.resources.get(key);
        const body = obj(bindBody(kind, req.method, req.body));
        checkTags(body.tags);
        family.checkEntityName(kind, name, req.body);
        const props = obj(body.properties);
        const apiVersion = req.query.get("api-version") ?? "";
        let parentKey: string | undefined;

        if (kind !== "gallery") {
            parentKey = key.slice(0, key.slice(0, key.lastIndexOf("/")).lastIndexOf("/"));
            if (!this.resources.has(parentKey)) throw this.parentNotFound(path.slice(0, parentKey.length));
        }
        if (!existing && kind === "version" && props.restore === true && this.softDeleted.has(key)) {
            return this.restore(key, req, now);
        }
        if (!existing) {
            if (!isPut) throw this.notFound(kind, path);
            if (kind === "gallery") rules.checkGalleryName(name);
            if (kind === "image") rules.checkImageName(name);
            if (kind === "version") rules.checkVersionName(name);
            family.checkFamilyName(kind, name);
        } else if (existing.op && now < existing.op.until) {
            if (existing.op.kind === "delete") {
                throw new ArmError(409, "OperationNotAllowed", `Operation 'Update ${KINDS[kind].type}' is not allowed on ${existing.name}; since it is marked for deletion. You can only retry the Delete operation (or wait for an ongoing one to complete).`);
            }
            throw new ArmError(409, "OperationNotAllowed", `An operation is already in progress on ${existing.name}. Retry once it has completed.`);
        }

        let location = existing?.location;
        if (isPut || body.location !== undefined) {
            const requested = rules.requireKnownRegion(str(body.location), KINDS[kind].type, this.cloud);
            if (existing && regionKey(requested) !== regionKey(existing.location)) {
                const rg = path.split("/")[4];
                throw new ArmError(
                    409,
                    "InvalidResourceLocation",
                    `The resource '${existing.name}' already exists in location '${regionKey(existing.location)}' in resource group '${rg}'. A resource with the same name cannot be created in location '${regionKey(requested)}'. Please select a new resource name.`,
                );
            }
            location = requested;
        }
        if (!location) throw new ArmError(400, "LocationRequired", "The location property is required for this definition.");
        // Versions: how regions without their own storage type get one, fixed when the version is made.
        // Application versions: "storageAccountType … Defaults to Standard_LRS." (VM Applications overview);
        // image and script versions share the publishing profile's documented default (defaults.ts).
        const pub = obj(props.publishingProfile);
        const regionStorage = existing?.storageDefault ?? (kind === "applicationVersion" ? str(pub.storageAccountType) ?? "Standard_LRS" : storageDefault(pub, apiVersion));
        const replicated = (existing?.regions ?? []).map((r) => ({ key: r.key, holdsReplicas: r.startAt <= now }));

        switch (kind) {
            case "gallery":
                if (!existing) this.requireUniqueGalleryName(path, name);
                rules.checkGallery(props, existing?.props, isPut, this.cloud);
                break;
            case "image":
                rules.checkImage(props, existing?.props, isPut, now, apiVersion);
                this.requireUniqueIdentifier(parentKey!, key, isPut || !existing ? props : obj(mergePatch(existing.props, props)));
                break;
            case "version":
                rules.checkVersion(props, existing?.props, { location, cloud: this.cloud, isPut, now, replicated, storageDefault: regionStorage });
                break;
            case "application":
                family.checkApplication(props, existing?.props, isPut, now);
                break;
            case "profile":
                family.checkProfile(props, isPut);
                break;
            case "script":
                family.checkScript(props, isPut, now);
                break;
            case "applicationVersion":
                family.checkApplicationVersion(props, existing?.props, { location, cloud: this.cloud, isPut, now, replicated });
                break;
            case "scriptVersion":
                family.checkScriptVersion(props, existing?.props, { location, cloud: this.cloud, isPut, now, replicated });
                break;
            case "profileVersion":
                family.checkProfileVersion(props, existing?.props, { location, cloud: this.cloud, isPut, now, replicated });
                break;
        }

        let next: JsonObject = isPut || !existing ? clone(props) : obj(mergePatch(existing.props, props));
        delete next.provisioningState;
        delete next.replicationStatus;
        const transient = ["allowUpdateImage", "restore"];
        for (const t of transient) delete next[t];
        if (kind === "gallery") next = this.galleryDefaults(next, path, existing);
        if (kind === "image" && isPut) next = imageDefaults(next, apiVersion);
        if (kind === "version") next = this.versionDefaults(next, location, existing, parentKey!, regionStorage, now);
        if (kind === "applicationVersion" || kind === "scriptVersion") next = this.artifactVersionDefaults(kind, next, location, existing, regionStorage, now);
        if (kind === "profileVersion") next = this.profileVersionDefaults(next, location, existing, now);
        // Worked out before anything is stored: a refused identity leaves the resource as it was.
        const identity = kind === "gallery" ? this.identities.apply(existing?.identity, body.identity, !isPut) : undefined;

        const r: Resource = existing ?? {
            kind,
            key,
            id: path,
            name,
            location,
            props: {},
            parentKey,
            createdAt: now,
        };
        if (isVersioned(kind)) r.storageDefault = regionStorage;
        r.props = next;
        if (isPut || body.tags !== undefined) r.tags = body.tags === null ? undefined : body.tags;
        if (kind === "gallery") r.identity = identity;
        this.resources.set(key, r);

        const op = this.startOperation(r, existing ? "update" : "create", req, now);
        if (isVersioned(kind)) {
            this.replan(r, now, req.faults, !existing);
            const last = Math.max(now, ...(r.regions ?? []).map((x) => x.endAt));
            op.until = Math.max(op.until, last);
            const failed = (r.regions ?? []).find((x) => x.failure);
            // No public answer shows the code of a failed replication; named after the kind (GalleryImageVersion…, GalleryApplicationVersion…).
            if (failed && !op.failure) op.failure = { code: `${KINDS[kind].putModel}ReplicationFailed`, message: `Replication failed in region '${failed.name}': ${failed.failure}` };
        }
        return this.accepted(r, op, req, existing ? 200 : 201, now);
    }

    private requireUniqueGalleryName(path: string, name: string): void {
        const sub = path.split("/")[2];
        for (const r of this.resources.values()) {
            if (r.kind === "gallery" && r.name.toLowerCase() === name.toLowerCase() && r.key.startsWith(`/subscriptions/${sub.toLowerCase()}/`)) {
                throw new ArmError(409, "Conflict", `The gallery name ${name} is not unique within the subscription ${sub}. Please pick another gallery name`, "galleryName");
            }
        }
    }

    private requireUniqueIdentifier(galleryKey: string, key: string, props: JsonObject): void {
        const id = obj(props.identifier);
        const sig = (o: JsonObject) => ["publisher", "offer", "sku"].map((k) => str(o[k])?.toLowerCase()).join("|");
        for (const other of this.resources.values()) {
            if (other.kind === "image" && other.parentKey === galleryKey && other.key !== key && sig(obj(other.props.identifier)) === sig(id)) {
                throw new ArmError(
                    409,
                    "Conflict",
                    `Gallery image: ${other.name} identified by (publisher:${str(id.publisher)}, offer:${str(id.offer)}, sku:${str(id.sku)}) already exists. Choose a different publisher, offer, sku combination.`,
                );
            }
        }
    }

    private galleryDefaults(props: JsonObject, path: string, existing: Resource | undefined): JsonObject {
        const sub = path.split("/")[2];
        const name = path.slice(path.lastIndexOf("/") + 1);
        props.identifier = { uniqueName: `${sub}-${name.toUpperCase()}` };
        if (isObject(props.sharingProfile) || existing?.props.sharingProfile) {
            const sharing = obj(props.sharingProfile);
            sharing.permissions = str(sharing.permissions) ?? str(obj(existing?.props.sharingProfile).permissions) ?? "Private";
            delete sharing.groups;
            if (isObject(sharing.communityGalleryInfo)) {
                const info = sharing.communityGalleryInfo;
                const before = obj(obj(existing?.props.sharingProfile).communityGalleryInfo);
                info.communityGalleryEnabled = before.communityGalleryEnabled === true;
                info.publicNames = str(sharing.permissions)?.toLowerCase() === "community" ? publicNames(info, before) : [];
            }
            props.sharingProfile = sharing;
        }
        return props;
    }

    private versionDefaults(props: JsonObject, location: string, existing: Resource | undefined, imageKey: string, regionStorage: string, now: number): JsonObject {
        const pub = obj(props.publishingProfile);
        const oldPub = obj(existing?.props.publishingProfile);
        pub.publishedDate = str(oldPub.publishedDate) ?? new Date(now).toISOString();
        publishingDefaults(pub);
        const oldRegions = arr(oldPub.targetRegions).map(obj);
        const regions = (pub.targetRegions === undefined ? [{ name: location }] : arr(pub.targetRegions)).map(obj);
        pub.targetRegions = regions.map((r) => {
            const before = oldRegions.find((o) => regionKey(str(o.name) ?? "") === regionKey(str(r.name) ?? ""));
            const name = displayName(str(r.name) ?? "") ?? str(r.name) ?? "";
            return {
                // A region that leaves its encryption out keeps its own (official example GalleryImageVersion_Update.json).
                ...(before?.encryption !== undefined ? { encryption: before.encryption } : {}),
                ...r,
                name,
                // A region without its own type gets the global one (rules.ts refuses one that held another).
                storageAccountType: str(r.storageAccountType) ?? regionStorageType(regionStorage, name),
            };
        });
        props.publishingProfile = pub;
        if (existing) {
            // The source is fixed at create; a PATCH that sends `{}` keeps it.
            props.storageProfile = existing.props.storageProfile ?? obj(props.storageProfile);
        } else {
            const parent = this.resources.get(imageKey)?.props ?? {};
            const definition = { osType: str(parent.osType), osState: str(parent.osState), hyperVGeneration: str(parent.hyperVGeneration) };
            const layout = resolveLayout(obj(props.storageProfile), location, definition, (id) => this.sourceFacts(id));
            if (layout.knownLuns) checkEncryptionLuns(arr(pub.targetRegions).map(obj), layout.knownLuns);
            props.storageProfile = layout.storage;
        }
        const safety = obj(props.safetyProfile);
        safety.allowDeletionOfReplicatedLocations ??= false;
        safety.blockDeletionBeforeEndOfLife ??= false;
        safety.reportedForPolicyViolation = false;
        safety.policyViolations = [];
        props.safetyProfile = safety;
        return props;
    }

    /**
     * Application and script versions: what the official answers show the service filling in
     * (GalleryApplicationVersion_Create.json, GalleryScriptVersion_Create.json and their Get/List
     * siblings): the publishing date, each target region's replica count, storage type and
     * excludeFromLatest, the publishing-level storage type, `enableHealthCheck: false` (applications)
     * and the safety profile. A PUT without target regions leaves the version in its own location.
     */
    private artifactVersionDefaults(kind: Kind, props: JsonObject, location: string, existing: Resource | undefined, regionStorage: string, now: number): JsonObject {
        const pub = obj(props.publishingProfile);
        pub.publishedDate = str(obj(existing?.props.publishingProfile).publishedDate) ?? new Date(now).toISOString();
        if (kind === "applicationVersion") {
            pub.storageAccountType ??= "Standard_LRS";
            pub.enableHealthCheck ??= false;
        } else {
            publishingDefaults(pub);
        }
        const regions = (pub.targetRegions === undefined ? [{ name: location }] : arr(pub.targetRegions)).map(obj);
        pub.targetRegions = regions.map((r) => {
            const name = family.regionDisplay(r);
            return { ...r, name, storageAccountType: str(r.storageAccountType) ?? regionStorageType(regionStorage, name) };
        });
        props.publishingProfile = pub;
        const safety = obj(props.safetyProfile);
        safety.allowDeletionOfReplicatedLocations ??= false;
        props.safetyProfile = safety;
        return props;
    }

    /**
     * inVMAccessControlProfile versions: the publishing date and excludeFromLatest the official answers
     * show (GalleryInVMAccessControlProfileVersion_*.json), target locations by display name and, as
     * those answers list them, with nothing added. A PUT without target locations has the version's own.
     */
    private profileVersionDefaults(props: JsonObject, location: string, existing: Resource | undefined, now: number): JsonObject {
        props.publishedDate = str(existing?.props.publishedDate) ?? new Date(now).toISOString();
        props.excludeFromLatest ??= false;
        props.targetLocations = (props.targetLocations === undefined ? [{ name: location }] : arr(props.targetLocations)).map((t) => ({ ...obj(t), name: family.regionDisplay(obj(t)) }));
        return props;
    }

    /** What the service knows about a source: a registered one, or a version of this cloud's galleries. */
    private sourceFacts(id: string): SourceFacts | undefined {
        const registered = this.sources.get(id);
        if (registered) return { ...registered, regions: [registered.location] };
        const version = this.resources.get(id.toLowerCase());
        if (!version || version.kind !== "version") return undefined;
        const definition = this.resources.get(version.parentKey ?? "")?.props ?? {};
        const storage = obj(version.props.storageProfile);
        return {
            location: version.location,
            // A version can be read wherever it is replicated.
            regions: arr(obj(version.props.publishingProfile).targetRegions).map((t) => str(obj(t).name) ?? ""),
            osDiskSizeGB: typeof obj(storage.osDiskImage).sizeInGB === "number" ? (obj(storage.osDiskImage).sizeInGB as number) : undefined,
            dataDisks: arr(storage.dataDiskImages).map((d) => ({ lun: Number(obj(d).lun), sizeInGB: Number(obj(d).sizeInGB), hostCaching: str(obj(d).hostCaching) })),
            osType: str(definition.osType),
            osState: str(definition.osState),
            hyperVGeneration: str(definition.hyperVGeneration),
        };
    }

    /**
     * Plans replication for an image version: regions it does not hold yet (and regions whose replica
     * count changed) replicate one after another, the version's own location first.
     */
    private replan(r: Resource, now: number, faults: FaultAction[], fresh: boolean): void {
        // Image, application and script versions replicate to publishingProfile.targetRegions, profile versions to targetLocations (kinds.ts).
        const targets = (KINDS[r.kind].regions === "targetLocations" ? arr(r.props.targetLocations) : arr(obj(r.props.publishingProfile).targetRegions)).map(obj);
        const prior = fresh ? [] : r.regions ?? [];
        const counts = (t: JsonObject) => t.regionalReplicaCount ?? obj(r.props.publishingProfile).replicaCount ?? 1;
        const previousCounts = new Map((r.regions ?? []).map((x) => [x.key, x.count]));
        const ordered = [...targets].sort((a, b) => Number(regionKey(str(b.name) ?? "") === regionKey(r.location)) - Number(regionKey(str(a.name) ?? "") === regionKey(r.location)));
        let cursor = now;
        const next: RegionReplica[] = [];
        for (const t of ordered) {
            const key = regionKey(str(t.name) ?? "");
            const kept = prior.find((x) => x.key === key);
            const count = counts(t);
            if (kept && !kept.failure && previousCounts.get(key) === count) {
                next.push({ ...kept, count });
                continue;
            }
            const failure = faults.find((f): f is Extract<FaultAction, { kind: "replicationFails" }> => f.kind === "replicationFails" && regionKey(f.region) === key);
            const startAt = cursor;
            const endAt = startAt + this.timing.replicationMsPerRegion;
            cursor = endAt;
            next.push({ key, name: str(t.name) ?? key, startAt, endAt, count, failure: failure ? failure.message ?? "The replication to this region failed." : undefined });
        }
        r.regions = next;
    }

    // ---------- delete ----------

    private remove_(path: string, kind: Kind, req: Request, now: number): Response {
        const key = path.toLowerCase();
        const r = this.resources.get(key);
        if (!r) return { status: 204 };
        if (r.op && now < r.op.until) {
            if (r.op.kind === "delete") return this.accepted(r, r.op, req, 202, now);
            throw new ArmError(409, "OperationNotAllowed", `An operation is already in progress on ${r.name}. Retry once it has completed.`);
        }
        const children = [...this.resources.values()].filter((c) => c.parentKey === key);
        const lagging = r.lastChildGoneAt !== undefined && now - r.lastChildGoneAt < this.nestedDeleteLagMs;
        if (children.length > 0 || lagging) {
            const ids = children.length > 0 ? children.slice(0, 5).map((c) => `'${c.id}'`).join(", ") : "(being removed)";
            throw new ArmError(
                409,
                "CannotDeleteResource",
                `Cannot delete resource while nested resources exist. Some existing nested resource IDs include: ${ids}. Please delete all nested resources before deleting this resource.`,
            );
        }
        if (kind === "gallery") rules.checkDeletableGallery(r.name, r.props);
        if (kind === "version") rules.checkDeletableVersion(r.props, now);
        const op = this.startOperation(r, "delete", req, now);
        if (op.until <= now && !op.failure) {
            this.finishDelete(r, now);
            // Where the spec declares no 200 for the delete (profiles, scripts and their versions: 202 or 204),
            // even a delete that is already done is answered 202, its operation already Succeeded.
            return KINDS[kind].deleteSync === 200 ? { status: 200 } : { status: 202, headers: this.operationHeaders(op, req) };
        }
        return this.accepted(r, op, req, 202, now);
    }

    /** Set by the server from Faults.nestedDeleteLagMs before each request. */
    nestedDeleteLagMs = 0;

    private finishDelete(r: Resource, at: number): void {
        this.resources.delete(r.key);
        const gallery = r.kind === "version" ? this.resources.get(r.key.slice(0, r.key.indexOf("/images/"))) : undefined;
        if (gallery && obj(gallery.props.softDeletePolicy).isSoftDeleteEnabled === true) {
            this.softDeleted.set(r.key, { resource: r, deletedAt: at });
        }
        if (r.parentKey) {
            const parent = this.resources.get(r.parentKey);
            if (parent && ![...this.resources.values()].some((c) => c.parentKey === r.parentKey)) parent.lastChildGoneAt = at;
        }
    }

    /** Settles deletes whose operation has run its course. */
    private sweep(now: number): void {
        for (const r of [...this.resources.values()]) {
            if (r.op?.kind === "delete" && now >= r.op.until && !r.op.failure) this.finishDelete(r, r.op.until);
        }
    }

    private restore(key: string, req: Request, now: number): Response {
        const { resource } = this.softDeleted.get(key)!;
        this.softDeleted.delete(key);
        this.resources.set(key, resource);
        const op = this.startOperation(resource, "update", req, now);
        return this.accepted(resource, op, req, 200, now);
    }

    /**
     * SoftDeletedResource_ListByArtifactName, paged as the official example shows (GallerySoftDeletedResource_
     * ListByArtifactName.json answers with a `nextLink`), oldest deletion first.
     */
    private listSoftDeleted(req: Request, m: RegExpExecArray): Response {
        const [, sub, rg, gallery, type, artifact] = m;
        this.requireResourceGroup(sub, rg);
        const prefix = `/subscriptions/${sub}/resourcegroups/${rg}/providers/microsoft.compute/galleries/${gallery}/images/${artifact}/versions/`.toLowerCase();
        if (type.toLowerCase() !== "images") throw invalidParameter("artifactType", `The artifact type '${type}' is not supported.`);
        const deleted = [...this.softDeleted.values()].filter((x) => x.resource.key.startsWith(prefix));
        const render = (x: { resource: Resource; deletedAt: number }): JsonObject => ({
            name: x.resource.name,
            id: `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/galleries/${gallery}/softDeletedArtifactTypes/Images/artifacts/${artifact}/versions/${x.resource.name}`,
            type: "Microsoft.Compute/galleries/softDeletedArtifactTypes/artifacts/versions",
            location: x.resource.location,
            properties: { resourceArmId: x.resource.id, softDeletedTime: new Date(x.deletedAt).toISOString(), softDeletedArtifactType: "Images" },
        });
        return { status: 200, body: page(req, deleted, (x) => creationOrder(x.deletedAt, x.resource.key), render, this.timing.pageSize) };
    }

    // ---------- share ----------

    private share(req: Request, galleryPath: string, _name: string, now: number): Response {
        const r = this.resources.get(galleryPath.toLowerCase());
        if (!r) throw this.notFound("gallery", galleryPath);
        const body = obj(bindBody("share", "POST", req.body));
        const opType = str(body.operationType);
        const allowed = ["Add", "Remove", "Reset", "EnableCommunity"];
        if (!opType || !allowed.includes(opType)) {
            throw invalidParameter("sharingUpdate.operationType", `The value '${String(opType)}' of parameter 'operationType' is not valid. Allowed values are: ${allowed.join(", ")}.`);
        }
        const permissions = str(obj(r.props.sharingProfile).permissions) ?? "Private";
        if ((opType === "Add" || opType === "Remove") && permissions !== "Groups") {
            throw new ArmError(409, "OperationNotAllowed", `Gallery '${r.name}' can only be shared with groups when sharingProfile.permissions is 'Groups'.`);
        }
        if (opType === "EnableCommunity" && permissions !== "Community") {
            throw new ArmError(409, "OperationNotAllowed", `Gallery '${r.name}' can only be shared to the community when sharingProfile.permissions is 'Community'.`);
        }
        const groups = clone(r.groups ?? []);
        for (const g of arr(body.groups).map(obj)) {
            const type = str(g.type);
            if (type !== "Subscriptions" && type !== "AADTenants") throw invalidParameter("sharingUpdate.groups.type", `The value '${String(type)}' of parameter 'type' is not valid.`);
            const ids = arr(g.ids).map((x) => str(x) ?? "");
            const current = groups.find((x) => x.type === type) ?? (groups[groups.push({ type, ids: [] }) - 1] as JsonObject);
            const have = arr(current.ids).map((x) => str(x) ?? "");
            current.ids = opType === "Add" ? [...new Set([...have, ...ids])] : have.filter((x) => !ids.includes(x));
        }
        if (opType === "Add") rules.checkSharingLimits(groups);
        r.groups = opType === "Reset" ? [] : groups.filter((g) => arr(g.ids).length > 0);
        const info = obj(r.props.sharingProfile).communityGalleryInfo;
        if (opType === "EnableCommunity" && isObject(info)) {
            info.communityGalleryEnabled = true;
            info.publicNames = publicNames(info, info);
        }
        // Reset "clear[s] everything in `sharingProfile`" (share-gallery-direct.md) and goes "back to only RBAC-based
        // sharing" (share-gallery-community.md): the gallery is private afterwards. Real galleries answer
        // `"sharingProfile": {"permissions": "Private"}` once reset, a community one without its communityGalleryInfo
        // (Azure/azure-cli recordings test_community_gallery_operations.yaml, 2026, and
        // test_create_vm_with_shared_gallery_image.yaml, 2021, a gallery made with permissions Groups).
        if (opType === "Reset" && r.props.sharingProfile !== undefined) r.props.sharingProfile = { permissions: "Private" };
        const op = this.startOperation(r, "share", req, now);
        op.result = clone(body);
        if (op.until <= now && !op.failure) return { status: 200, body: clone(body) };
        return { status: 202, body: clone(body), headers: this.operationHeaders(op, req) };
    }

    // ---------- operations ----------

    private startOperation(r: Resource, kind: Operation["kind"], req: Request, now: number): Operation {
        const fails = req.faults.find((f): f is Extract<FaultAction, { kind: "operationFails" }> => f.kind === "operationFails");
        const op: Operation = {
            id: randomUUID(),
            location: regionKey(r.location),
            resourceKey: r.key,
            kind,
            startedAt: now,
            until: now + this.timing.operationMs,
            failure: fails ? { code: fails.code ?? "InternalOperationError", message: fails.message ?? "The operation failed." } : undefined,
        };
        this.operations.set(op.id, op);
        r.op = op;
        return op;
    }

    private operationHeaders(op: Operation, req: Request): Record<string, string> {
        const sub = op.resourceKey.split("/")[2];
        const api = req.query.get("api-version") ?? "";
        const base = `${req.baseUrl}/subscriptions/${sub}/providers/Microsoft.Compute/locations/${op.location}/capsOperations/${op.id}`;
        return {
            "Azure-AsyncOperation": `${base}?api-version=${api}`,
            Location: `${base}?monitor=true&api-version=${api}`,
            "Retry-After": String(this.timing.retryAfterSeconds),
        };
    }

    /** The first answer to a write: synchronous when it has already settled, else ARM's async pattern. */
    private accepted(r: Resource, op: Operation, req: Request, syncStatus: number, now: number): Response {
        const settled = op.until <= now;
        if (settled && !op.failure) return { status: syncStatus, body: this.render(r, WRITTEN, now) };
        if (settled && op.failure && op.kind !== "delete") {
            // A failed synchronous create/update still leaves the resource behind in state Failed.
            return { status: 200, body: this.render(r, WRITTEN, now), headers: this.operationHeaders(op, req) };
        }
        const headers = this.operationHeaders(op, req);
        if (op.kind === "delete") return { status: 202, headers };
        if (req.method === "PATCH") {
            // Each kind's PATCH answers as its spec operation declares (kinds.ts patchAsync).
            const patch = KINDS[r.kind].patchAsync;
            if (patch === "202 without body") return { status: 202, headers };
            return { status: patch === "200" ? 200 : 202, body: this.render(r, WRITTEN, now), headers };
        }
        return { status: syncStatus === 201 ? 201 : 200, body: this.render(r, WRITTEN, now), headers };
    }

    private operationStatus(id: string, req: Request, now: number): Response {
        const op = this.operations.get(id);
        if (!op) throw new ArmError(404, "NotFound", `Operation '${id}' was not found.`);
        const done = now >= op.until;
        const status = !done ? "InProgress" : op.failure ? "Failed" : "Succeeded";
        if (req.query.get("monitor") === "true") {
            if (!done) return { status: 202, headers: { Location: `${req.baseUrl}${req.path}?monitor=true&api-version=${req.query.get("api-version") ?? ""}`, "Retry-After": String(this.timing.retryAfterSeconds) } };
            if (op.failure) throw new ArmError(op.failure.code === "InternalOperationError" ? 500 : 400, op.failure.code, op.failure.message);
            if (op.kind === "delete") return { status: 204 };
            if (op.kind === "share") return { status: 200, body: op.result ?? {} };
            const r = this.resources.get(op.resourceKey);
            return r ? { status: 200, body: this.render(r, WRITTEN, now) } : { status: 204 };
        }
        const body: JsonObject = { name: op.id, status, startTime: new Date(op.startedAt).toISOString() };
        if (done) body.endTime = new Date(op.until).toISOString();
        if (done && op.failure) body.error = { code: op.failure.code, message: op.failure.message };
        return { status: 200, body, headers: done ? {} : { "Retry-After": String(this.timing.retryAfterSeconds) } };
    }

    // ---------- rendering ----------

    private provisioningState(r: Resource, now: number): string {
        const op = r.op;
        if (op && now < op.until) return op.kind === "create" ? "Creating" : op.kind === "delete" ? "Deleting" : "Updating";
        if (op?.failure && op.kind !== "delete") return "Failed";
        return "Succeeded";
    }

    private render(r: Resource, options: RenderOptions, now: number): JsonObject {
        let properties: JsonObject = clone(r.props);
        // GalleryApplicationProperties has no provisioningState, and no official application answer shows one.
        if (KINDS[r.kind].provisioningState) properties.provisioningState = this.provisioningState(r, now);
        if (r.kind === "gallery" && options.sharingGroups && isObject(properties.sharingProfile)) {
            properties.sharingProfile.groups = clone(r.groups ?? []);
        }
        if (r.kind === "gallery" && options.permissionsOnly) {
            const sharing = obj(r.props.sharingProfile);
            properties = { sharingProfile: { permissions: str(sharing.permissions) ?? "Private", groups: clone(r.groups ?? []) } };
        }
        if (r.kind === "version") {
            const pub = obj(properties.publishingProfile);
            const count = pub.replicaCount ?? 1;
            pub.replicaCount = count;
            pub.excludeFromLatest ??= false;
            pub.targetRegions = arr(pub.targetRegions).map((t) => ({ regionalReplicaCount: count, excludeFromLatest: false, ...obj(t) }));
            if (options.replicationStatus) properties.replicationStatus = this.replicationStatus(r, now);
            if (!options.uefiSettings && isObject(properties.securityProfile)) {
                // UEFI settings are the securityProfile's only member (spec, ImageVersionSecurityProfile).
                delete properties.securityProfile.uefiSettings;
                if (Object.keys(properties.securityProfile).length === 0) delete properties.securityProfile;
            }
            if (options.validationProfile) properties.validationsProfile = this.validationsProfile(r);
        }
        if (r.kind === "applicationVersion" || r.kind === "scriptVersion") {
            const pub = obj(properties.publishingProfile);
            const count = pub.replicaCount ?? 1;
            pub.replicaCount = count;
            pub.excludeFromLatest ??= false;
            pub.targetRegions = arr(pub.targetRegions).map((t) => ({ regionalReplicaCount: count, excludeFromLatest: false, ...obj(t) }));
            // The script link comes back without its query (the SAS token): GalleryScriptVersion_Create.json,
            // _Update.json, _Get*.json and _ListByGalleryScript.json answer every scriptLink so; application
            // versions keep mediaLink's (GalleryApplicationVersion_*.json).
            if (r.kind === "scriptVersion" && isObject(pub.source)) pub.source.scriptLink = family.withoutQuery(pub.source.scriptLink) ?? null;
            if (options.replicationStatus) properties.replicationStatus = this.replicationStatus(r, now);
        }
        if (r.kind === "profileVersion" && options.replicationStatus) properties.replicationStatus = this.replicationStatus(r, now);
        const out: JsonObject = { id: r.id, name: r.name, type: KINDS[r.kind].type, location: r.location };
        if (r.tags !== undefined) out.tags = clone(r.tags);
        if (r.identity !== undefined) out.identity = this.identities.render(r.identity);
        out.properties = properties;
        return out;
    }

    /**
     * The version's validations profile (spec, ValidationsProfile; shape from the official examples
     * GalleryImageVersion_Get_WithValidationProfile*.json). `validationEtag` is "The published time of
     * the image version" (spec). `platformAttributes` give "the pub, offer, sku and version of the
     * image version metadata" (spec), under the names the examples use: the definition's identifier and
     * the version's own name. No validation has run: Trusted Launch validation runs for subscriptions
     * registered for its preview (azure-compute-gallery.md, "Trusted Launch validation"), which the
     * emulated subscription is not, and the examples' other validations are not documented.
     */
    private validationsProfile(r: Resource): JsonObject {
        const id = obj(this.resources.get(r.parentKey ?? "")?.props.identifier);
        const attribute = (name: string, value: JsonValue | undefined) => ({ name: `source_image_${name}`, value: str(value) ?? "" });
        return {
            executedValidations: [],
            platformAttributes: [attribute("publisher", id.publisher), attribute("offer", id.offer), attribute("sku", id.sku), attribute("version", r.name)],
            validationEtag: str(obj(r.props.publishingProfile).publishedDate) ?? "",
        };
    }

    private replicationStatus(r: Resource, now: number): JsonObject {
        const summary = (r.regions ?? []).map((x) => {
            const done = now >= x.endAt;
            const span = Math.max(1, x.endAt - x.startAt);
            const state = done ? (x.failure ? "Failed" : "Completed") : "Replicating";
            const progress = done ? (x.failure ? Math.floor(50) : 100) : Math.max(0, Math.min(99, Math.floor(((now - x.startAt) / span) * 100)));
            return { region: x.name, state, details: done && x.failure ? x.failure : "", progress };
        });
        const aggregatedState = summary.some((s) => s.state === "Failed") && summary.every((s) => s.state !== "Replicating")
            ? "Failed"
            : summary.every((s) => s.state === "Completed")
              ? "Completed"
              : "InProgress";
        return { aggregatedState, summary };
    }

    // ---------- lists ----------

    /** A list of held resources, oldest first, paged (paging.ts). */
    private list(req: Request, match: (r: Resource) => boolean, now: number): Response {
        const items = [...this.resources.values()].filter(match);
        return { status: 200, body: page(req, items, (r) => creationOrder(r.createdAt, r.key), (r) => this.render(r, PLAIN, now), this.timing.pageSize) };
    }
}
