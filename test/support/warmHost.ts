/**
 * Fills Node.js's compile cache (NODE_COMPILE_CACHE, Node.js 22.1+) with what Pulumi's
 * dynamic-provider host loads: the host itself, this package's provider and the Azure SDK it calls.
 * Node.js writes the cache when a process exits, and the engine (and its stand-in) kills every host
 * it starts, so no host of the suite ever writes it; this one process does, once, before the suite.
 * Run by runTests.ts as `node warmHost.js`, in the repository.
 */
import * as path from "path";

const root = path.resolve(__dirname, "../../..");

// The host serves once it prints its port: then this process loads what a host's first create
// loads, and exits (which writes the cache).
process.stdout.write = ((..._args: unknown[]) => {
    setImmediate(() => {
        require("pulumi-azure-compute-gallery/runtime");
        require("@azure/arm-compute");
        require("@azure/identity");
        process.exit(0);
    });
    return true;
}) as typeof process.stdout.write;
// The engine's address is the host's one argument; nothing is ever sent to it.
process.argv[2] = "127.0.0.1:1";
require(require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [root] }));
