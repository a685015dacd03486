/** The example stacks (and test fixtures) as the engine driver runs them against an emulator. */
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import type { ImageManifest, ImageManifestEntry } from "../../provider";
import type { ApplicationManifest } from "../../examples/vm-application/manifest";
import type { ArmEmulator } from "../../emulator/server";
import { RESOURCE_GROUP, SUBSCRIPTION, armId } from "../support/emulator";
import { DriverOptions, EngineDriver } from "./driver";

/** The repository root (this file runs from dist/test/engine). */
export const ROOT = path.resolve(__dirname, "../../..");

export const managedImage = (name: string) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/build/providers/Microsoft.Compute/images/${name}`;

/** The golden-image example's manifest as committed (the stack's default `manifest`). */
export const EXAMPLE_MANIFEST = path.join(ROOT, "examples/golden-image/images.json");

/** A manifest of a stack's own, in a fresh folder: the stack's `manifest` config points at `path`. */
export class ManifestFile {
    readonly path = path.join(mkdtempSync(path.join(os.tmpdir(), "golden-manifest-")), "images.json");

    constructor(initial: ImageManifest) {
        this.write(initial);
    }

    read(): ImageManifest {
        return JSON.parse(readFileSync(this.path, "utf8")) as ImageManifest;
    }

    write(m: ImageManifest): void {
        writeFileSync(this.path, `${JSON.stringify(m, null, 2)}\n`);
    }

    /** Rewrites the manifest as `edit` returns it. */
    edit(edit: (m: ImageManifest) => ImageManifest): ImageManifest {
        const next = edit(this.read());
        this.write(next);
        return next;
    }
}

/**
 * What a build's pipeline step does to the manifest: appends the build's entry and removes the
 * `retire` oldest, which retires them. The older entries leave latest by the retention policy.
 */
export function publishBuild(m: ImageManifest, entry: ImageManifestEntry, retire = 0): ImageManifest {
    return { ...m, versions: [...m.versions.slice(retire), entry] };
}

/**
 * The two builds `npm run demo` plays (and a scenario asserts): the example's manifest as committed,
 * then the next build, 1.2.0, from its own image to the same regions, which takes 1.1.0 out of
 * latest and retires 1.0.0. Between them the published builds' images are deleted in Azure.
 */
export const demoBuilds = {
    first: (): ImageManifest => JSON.parse(readFileSync(EXAMPLE_MANIFEST, "utf8")) as ImageManifest,
    second: (m: ImageManifest): ImageManifest => {
        const last = m.versions[m.versions.length - 1];
        return publishBuild(m, { version: "1.2.0", source: last.source.replace(/[^/]+$/, "ubuntu-2404-build-1063"), regions: last.regions }, 1);
    },
};

/** The vm-application example's manifest as committed (the stack's default `manifest`). */
export const APPLICATION_MANIFEST = path.join(ROOT, "examples/vm-application/versions.json");

/**
 * The two builds of the vm-application example that `npm run demo` plays (and a scenario asserts):
 * the manifest as committed (1.0.0 to two regions), then the next build's edit: 1.1.0 appended from
 * its own package, 1.0.0 out of latest and given its end of life (it stays published).
 */
export const applicationBuilds = {
    first: (): ApplicationManifest => JSON.parse(readFileSync(APPLICATION_MANIFEST, "utf8")) as ApplicationManifest,
    second: (m: ApplicationManifest): ApplicationManifest => {
        const last = m.versions[m.versions.length - 1];
        return {
            ...m,
            versions: [
                ...m.versions.map((e) => ({ ...e, excludeFromLatest: true, endOfLife: e.endOfLife ?? "2030-06-30" })),
                { version: "1.1.0", package: last.package.replace(last.version, "1.1.0"), regions: last.regions },
            ],
        };
    },
};

/** A manifest file of a stack's own, in a fresh folder (any manifest shape). */
export class JsonFile<T> {
    readonly path: string;

    constructor(name: string, initial: T) {
        this.path = path.join(mkdtempSync(path.join(os.tmpdir(), "example-manifest-")), name);
        this.write(initial);
    }

    read(): T {
        return JSON.parse(readFileSync(this.path, "utf8")) as T;
    }

    write(m: T): void {
        writeFileSync(this.path, `${JSON.stringify(m, null, 2)}\n`);
    }
}

/** The builds' managed images, in the gallery's region, with the data disk Azure then reports on every version made from them. */
export function registerBuildImages(emulator: ArmEmulator, sources: string[]): void {
    for (const source of new Set(sources)) emulator.service.registerSource(source, { location: "westus", osDiskSizeGB: 30, dataDisks: [{ lun: 0, sizeInGB: 64 }] });
}

/**
 * Azure settings as a stack would hold them (`pulumi config set azure-compute-gallery:… [--secret]`):
 * the host finds them through Configure, not through anything captured in state.
 */
export function azureConfig(emulator: ArmEmulator, progressIntervalSeconds = 10): Record<string, string> {
    return {
        "azure-compute-gallery:endpoint": emulator.endpoint,
        "azure-compute-gallery:accessToken": "stack-config-token",
        "azure-compute-gallery:subscriptionId": SUBSCRIPTION,
        "azure-compute-gallery:progressIntervalSeconds": String(progressIntervalSeconds),
    };
}

export type StackName =
    | "golden-image"
    | "vm-application"
    | "shared-gallery"
    | "fixtures/definition"
    | "fixtures/outputs"
    | "fixtures/existing"
    | "fixtures/application"
    | "fixtures/script"
    | "fixtures/versioned"
    | "fixtures/goldenImage"
    | "fixtures/madeInApply"
    | "bench/scale"
    | "bench/noop";

const PROJECTS: Record<StackName, { program: string; project: string }> = {
    "golden-image": { program: "dist/examples/golden-image/index.js", project: "golden-images" },
    "vm-application": { program: "dist/examples/vm-application/index.js", project: "vm-application" },
    "shared-gallery": { program: "dist/examples/shared-gallery/index.js", project: "shared-gallery" },
    "fixtures/definition": { program: "dist/test/engine/fixtures/definition.js", project: "definition" },
    "fixtures/outputs": { program: "dist/test/engine/fixtures/outputs.js", project: "outputs" },
    "fixtures/existing": { program: "dist/test/engine/fixtures/existing.js", project: "existing" },
    "fixtures/application": { program: "dist/test/engine/fixtures/application.js", project: "application" },
    "fixtures/script": { program: "dist/test/engine/fixtures/script.js", project: "script" },
    "fixtures/versioned": { program: "dist/test/engine/fixtures/versioned.js", project: "versioned" },
    "fixtures/goldenImage": { program: "dist/test/engine/fixtures/goldenImage.js", project: "golden" },
    "fixtures/madeInApply": { program: "dist/test/engine/fixtures/madeInApply.js", project: "inapply" },
    "bench/scale": { program: "dist/bench/fixtures/scale.js", project: "scale" },
    "bench/noop": { program: "dist/bench/fixtures/noop.js", project: "scale" },
};

/**
 * A driver for one stack against the emulator; `config` keys without a namespace belong to the
 * stack's project. The host and program trust the emulator's CA.
 */
export function stack(
    name: StackName,
    emulator: ArmEmulator,
    config: Record<string, string>,
    opts: { progressIntervalSeconds?: number } & Pick<DriverOptions, "onLog" | "onStep" | "env" | "freshProgram"> = {},
): EngineDriver {
    const { program, project } = PROJECTS[name];
    const own = Object.fromEntries(Object.entries({ resourceGroupName: RESOURCE_GROUP, ...config }).map(([k, v]) => [k.includes(":") ? k : `${project}:${k}`, v]));
    return new EngineDriver({
        program: path.join(ROOT, program),
        project,
        cwd: ROOT,
        env: { ...opts.env, NODE_EXTRA_CA_CERTS: emulator.caCertPath },
        config: { ...azureConfig(emulator, opts.progressIntervalSeconds), ...own },
        onLog: opts.onLog,
        onStep: opts.onStep,
        freshProgram: opts.freshProgram,
    });
}

/** An image version of the golden-image example's Ubuntu definition, as Azure holds it. */
export const goldenVersionIn = (emulator: ArmEmulator, version: string) =>
    emulator.service.get(armId("golden_images", "ubuntu-24_04-gen2", version)) as { properties: { storageProfile: { source: { id: string } }; publishingProfile: { excludeFromLatest: boolean } } };
