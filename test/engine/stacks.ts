/** The example stacks (and test fixtures) as the engine driver runs them against an emulator. */
import * as path from "path";
import type { ArmEmulator } from "../emulator/server";
import { RESOURCE_GROUP, SUBSCRIPTION } from "../support/emulator";
import { DriverOptions, EngineDriver } from "./driver";

/** The repository root (this file runs from dist/test/engine). */
export const ROOT = path.resolve(__dirname, "../../..");

export const managedImage = (name: string) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/build/providers/Microsoft.Compute/images/${name}`;

/**
 * Azure settings as a stack would hold them (`pulumi config set azure-compute-gallery:… [--secret]`):
 * the host finds them through Configure, not through anything captured in state.
 */
function azureConfig(emulator: ArmEmulator, progressIntervalSeconds = 10): Record<string, string> {
    return {
        "azure-compute-gallery:endpoint": emulator.endpoint,
        "azure-compute-gallery:accessToken": "stack-config-token",
        "azure-compute-gallery:subscriptionId": SUBSCRIPTION,
        "azure-compute-gallery:progressIntervalSeconds": String(progressIntervalSeconds),
    };
}

export type StackName = "golden-image" | "shared-gallery" | "fixtures/definition" | "fixtures/outputs" | "fixtures/existing" | "bench/scale";

const PROJECTS: Record<StackName, { program: string; project: string }> = {
    "golden-image": { program: "dist/examples/golden-image/index.js", project: "golden-images" },
    "shared-gallery": { program: "dist/examples/shared-gallery/index.js", project: "shared-gallery" },
    "fixtures/definition": { program: "dist/test/engine/fixtures/definition.js", project: "definition" },
    "fixtures/outputs": { program: "dist/test/engine/fixtures/outputs.js", project: "outputs" },
    "fixtures/existing": { program: "dist/test/engine/fixtures/existing.js", project: "existing" },
    "bench/scale": { program: "dist/bench/fixtures/scale.js", project: "scale" },
};

/**
 * A driver for one stack against the emulator; `config` keys without a namespace belong to the
 * stack's project. The host and program trust the emulator's CA.
 */
export function stack(
    name: StackName,
    emulator: ArmEmulator,
    config: Record<string, string>,
    opts: { progressIntervalSeconds?: number } & Pick<DriverOptions, "onLog" | "onStep" | "env"> = {},
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
    });
}
