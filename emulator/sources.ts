/**
 * The things an image version can be made from (managed images, VMs, disks, snapshots, other
 * versions) and the disk layout each one hands to the version. They live outside the gallery API,
 * so tests register them: `service.registerSource(id, spec)` or `POST /__emulator/sources`.
 */
import { ArmError, invalidParameter } from "./armError";
import { JsonObject, arr, obj, str } from "./json";
import { displayName, regionKey } from "./regions";

export interface SourceDataDisk {
    lun: number;
    sizeInGB: number;
    hostCaching?: string;
}

export interface SourceSpec {
    location: string;
    /** Size of the OS disk; for a disk or snapshot source, the size of that disk wherever it is used. */
    osDiskSizeGB?: number;
    dataDisks?: SourceDataDisk[];
    osType?: string;
    osState?: string;
    hyperVGeneration?: string;
}

/** What a source looks like to the version being made from it. */
export interface SourceFacts extends SourceSpec {
    /** Regions the source can be read in (a gallery image version: every region it is replicated to). */
    regions: string[];
    /** Deleted since it was registered: no new version can be made from it. */
    deleted?: boolean;
}

/**
 * An unregistered source is accepted with this layout so tests that never register one keep
 * working: the service would look the source up, the emulator cannot. A 30 GB OS disk (the OS disk
 * of most Linux marketplace images) and only the data disks the request itself names (it can only
 * name luns the source has), each reported at that same size.
 */
export const DEFAULT_OS_DISK_GB = 30;

/** Host caching the service reports when the request names none (the official create examples). */
const OS_CACHING = "ReadOnly";
const DATA_CACHING = "None";

const T = "galleryImageVersion.properties.storageProfile";

/**
 * Source kinds by resource type in the id (Troubleshoot gallery images): `storageProfile.source.id`
 * "must either be a managed image, virtual machine or another gallery image version", so a VM's id is
 * accepted there as in `source.virtualMachineId`; a disk's `source.id` "must be a managed disk or snapshot".
 */
const WHOLE_IMAGE = /\/providers\/microsoft\.compute\/(images\/[^/]+|virtualmachines\/[^/]+|galleries\/[^/]+\/images\/[^/]+\/versions\/[^/]+)$/i;
const VIRTUAL_MACHINE = /\/providers\/microsoft\.compute\/virtualmachines\/[^/]+$/i;
const DISK_OR_SNAPSHOT = /\/providers\/microsoft\.compute\/(disks|snapshots)\/[^/]+$/i;

export class SourceRegistry {
    private readonly sources = new Map<string, SourceSpec>();
    private readonly deleted = new Set<string>();

    register(id: string, spec: SourceSpec): void {
        if (!displayName(spec.location)) throw new Error(`registerSource: unknown region '${spec.location}'`);
        const luns = (spec.dataDisks ?? []).map((d) => d.lun);
        if (new Set(luns).size !== luns.length) throw new Error("registerSource: data disk luns must be unique");
        this.sources.set(id.toLowerCase(), { ...spec, dataDisks: spec.dataDisks?.map((d) => ({ ...d })) });
        this.deleted.delete(id.toLowerCase());
    }

    /** Deletes a registered source, as a pipeline deletes a build's managed image once it is published. */
    remove(id: string): void {
        if (!this.sources.has(id.toLowerCase())) throw new Error(`removeSource: '${id}' was never registered`);
        this.deleted.add(id.toLowerCase());
    }

    get(id: string): (SourceSpec & { deleted?: boolean }) | undefined {
        const spec = this.sources.get(id.toLowerCase());
        return spec && (this.deleted.has(id.toLowerCase()) ? { ...spec, deleted: true } : spec);
    }
}

export interface ParentDefinition {
    osType?: string;
    osState?: string;
    hyperVGeneration?: string;
}

/**
 * Checks the sources of a new version and returns its storage profile with the disk layout the
 * service reports: `osDiskImage {sizeInGB, hostCaching}` and, for whole-image sources,
 * `dataDiskImages[{lun, sizeInGB, hostCaching}]` taken from the source (official example
 * GalleryImageVersion_Create_WithVmAsSource.json reports disks its request never listed).
 * `lookup` answers for a source id: registered facts, or undefined when nothing is known about it.
 */
export function resolveLayout(
    storage: JsonObject,
    location: string,
    parent: ParentDefinition,
    lookup: (id: string) => SourceFacts | undefined,
): { storage: JsonObject; knownLuns?: number[] } {
    const out: JsonObject = { ...storage };
    const top = obj(storage.source);
    const requestedOs = obj(storage.osDiskImage);
    const requestedData = arr(storage.dataDiskImages).map(obj);
    const whole = wholeImageSource(top);

    if (whole) {
        const facts = lookup(whole.id);
        if (facts) requireUsable(whole.id, whole.target, facts, location, parent);
        out.osDiskImage = { ...requestedOs, sizeInGB: facts?.osDiskSizeGB ?? DEFAULT_OS_DISK_GB, hostCaching: str(requestedOs.hostCaching) ?? OS_CACHING };
        const disks = facts?.dataDisks ?? requestedData.map((d) => ({ lun: Number(d.lun), sizeInGB: DEFAULT_OS_DISK_GB, hostCaching: undefined }));
        // The request may only re-state caching for the source's own luns.
        out.dataDiskImages = disks.map((d) => {
            const asked = requestedData.find((r) => r.lun === d.lun);
            return { lun: d.lun, sizeInGB: d.sizeInGB, hostCaching: str(asked?.hostCaching) ?? d.hostCaching ?? DATA_CACHING };
        });
        return { storage: out, knownLuns: facts ? disks.map((d) => d.lun) : undefined };
    }

    // Disk by disk (managed disks, snapshots, VHD blobs): the request lists every disk itself.
    out.osDiskImage = { ...requestedOs, ...diskFacts(requestedOs, `${T}.osDiskImage.source.id`, location, lookup), hostCaching: str(requestedOs.hostCaching) ?? OS_CACHING };
    if (storage.dataDiskImages !== undefined) {
        out.dataDiskImages = requestedData.map((d) => ({
            ...d,
            ...diskFacts(d, `${T}.dataDiskImages.source.id`, location, lookup),
            hostCaching: str(d.hostCaching) ?? DATA_CACHING,
        }));
    }
    return { storage: out, knownLuns: requestedData.map((d) => Number(d.lun)) };
}

/**
 * Encryption settings may only name data disks the version has (Troubleshoot gallery images:
 * "An invalid lun [<number>] was specified in encryption.dataDiskImages. The lun must be one of
 * the following values ['0,9']"; status not given, 400 InvalidParameter as for the source checks).
 * Only checked where the layout is known: a registered source, another version, or disk by disk.
 */
export function checkEncryptionLuns(targetRegions: JsonObject[], luns: number[]): void {
    for (const region of targetRegions) {
        for (const d of arr(obj(region.encryption).dataDiskImages).map(obj)) {
            if (!luns.includes(Number(d.lun))) {
                throw invalidParameter(
                    "galleryImageVersion.properties.publishingProfile.targetRegions.encryption.dataDiskImages",
                    `An invalid lun [${String(d.lun)}] was specified in encryption.dataDiskImages. The lun must be one of the following values ['${luns.join(",")}']`,
                );
            }
        }
    }
}

function wholeImageSource(top: JsonObject): { id: string; target: string } | undefined {
    const id = str(top.id);
    if (id !== undefined) {
        if (!WHOLE_IMAGE.test(id)) {
            throw invalidParameter(`${T}.source.id`, `The source id: ${id} must either be a managed image, virtual machine or another gallery image version`);
        }
        return { id, target: `${T}.source.id` };
    }
    const vm = str(top.virtualMachineId);
    if (vm !== undefined) {
        if (!VIRTUAL_MACHINE.test(vm)) {
            throw invalidParameter(`${T}.source.virtualMachineId`, `The source id: ${vm} must either be a managed image, virtual machine or another gallery image version`);
        }
        return { id: vm, target: `${T}.source.virtualMachineId` };
    }
    const community = str(top.communityGalleryImageId);
    // A community image lives in another publisher's gallery; nothing here can describe it.
    return community !== undefined ? { id: community, target: `${T}.source.communityGalleryImageId` } : undefined;
}

function diskFacts(disk: JsonObject, target: string, location: string, lookup: (id: string) => SourceFacts | undefined): JsonObject {
    const source = obj(disk.source);
    const id = str(source.id);
    if (id === undefined) return { sizeInGB: DEFAULT_OS_DISK_GB };
    if (!DISK_OR_SNAPSHOT.test(id)) throw invalidParameter(target, `The source id: ${id} must be a managed disk or snapshot`);
    const facts = lookup(id);
    if (facts) requireUsable(id, target, facts, location, {});
    return { sizeInGB: facts?.osDiskSizeGB ?? DEFAULT_OS_DISK_GB };
}

/**
 * A known source must be readable in the version's region and fit its definition. Troubleshoot
 * gallery images lists the messages without a status; 400 InvalidParameter because each one blames
 * a value of the request body (the source id), like the other create-time messages of that list,
 * and ARM keeps 404 for the resource the URL addresses.
 */
function requireUsable(id: string, target: string, facts: SourceFacts, location: string, parent: ParentDefinition): void {
    // Only a new version reads its source: a version already made holds its own replicas and keeps
    // reporting the id it was made from (service.ts keeps storageProfile as created).
    if (facts.deleted) throw invalidParameter(target, `Source was not found: ${id}. Please make sure the source exists`);
    if (!facts.regions.some((r) => regionKey(r) === regionKey(location))) {
        throw invalidParameter(target, `Source ${id} is not found. Please check source exists, and is in the same region as gallery image version being created.`);
    }
    const same = (a: string | undefined, b: string | undefined) => !a || !b || a.toLowerCase() === b.toLowerCase();
    if (!same(facts.osState, parent.osState)) {
        throw invalidParameter(target, `Cannot create Gallery Image Version from: ${id} since the OS State in the parent gallery image (${parent.osState}) is not ${facts.osState}`);
    }
    if (!same(facts.hyperVGeneration, parent.hyperVGeneration)) {
        throw invalidParameter(target, `The resource with id '${id}' has a different Hypervisor generation ['${facts.hyperVGeneration}'] than the parent gallery image Hypervisor generation ['${parent.hyperVGeneration}']`);
    }
    if (!same(facts.osType, parent.osType)) {
        throw invalidParameter(target, `The resource with id '${id}' has a different OS type ['${facts.osType}'] than the parent gallery image OS type generation ['${parent.osType}']`);
    }
}

/** Parses the control call's body (`POST /__emulator/sources`) into a spec, refusing what it cannot use. */
export function parseSourceSpec(body: JsonObject): { id: string; spec: SourceSpec } {
    const id = str(body.id);
    const location = str(body.location);
    if (!id || !location) throw new ArmError(400, "BadRequest", "A source needs 'id' and 'location'.");
    const num = (v: unknown) => (typeof v === "number" ? v : undefined);
    return {
        id,
        spec: {
            location,
            osDiskSizeGB: num(body.osDiskSizeGB),
            dataDisks: arr(body.dataDisks).map((d) => ({ lun: num(obj(d).lun) ?? 0, sizeInGB: num(obj(d).sizeInGB) ?? 0, hostCaching: str(obj(d).hostCaching) })),
            osType: str(body.osType),
            osState: str(body.osState),
            hyperVGeneration: str(body.hyperVGeneration),
        },
    };
}
