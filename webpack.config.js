/**
 * webpack: builds the add-in's browser pages (task pane, ribbon commands, and the auth dialog when present) into dist/.
 * MSAL and the Graph client are reached only through dynamic import(), so they land in on-demand chunks.
 */
const fs = require("node:fs");
const path = require("node:path");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const DEV_URL = "https://localhost:3000/";

/** The dev server forwards Graph calls under this path to the local emulator (`npm run emulator`, port 7373). */
const EMULATOR_PROXY_PATH = "/v1.0";
const EMULATOR_DEFAULT_URL = "http://127.0.0.1:7373";
/** Its own add-in id, so the emulator copy can be sideloaded beside the real one. */
const EMULATOR_ADDIN_ID = "889f50f3-90ec-4468-9177-1fa8e47e8c64";

/**
 * manifest.xml for developing against the local Graph emulator: the task pane opens with
 * `?emulator=https://localhost:3000/v1.0` (the dev server's proxy, same origin, so no CORS or mixed content), under
 * its own id and name. Each change must apply, so a reworded manifest cannot silently produce a tenant manifest.
 */
function emulatorManifest(xml) {
  const pane = `${DEV_URL}taskpane.html`;
  const emulator = `${DEV_URL.replace(/\/$/, "")}${EMULATOR_PROXY_PATH}`;
  const changes = [
    [/<Id>[^<]*<\/Id>/, `<Id>${EMULATOR_ADDIN_ID}</Id>`],
    [/(<DisplayName DefaultValue=")([^"]*)(")/, "$1$2 (emulator)$3"],
    [/(<bt:String id="Group\.Label" DefaultValue=")([^"]*)(")/, "$1$2 (emulator)$3"],
    [/(<SourceLocation DefaultValue=")([^"]*)(")/, `$1${pane}?emulator=${emulator}$3`],
    [/(<bt:Url id="Taskpane\.Url" DefaultValue=")([^"]*)(")/, `$1${pane}?emulator=${emulator}$3`],
  ];
  return changes.reduce((text, [pattern, replacement]) => {
    if (!pattern.test(text))
      throw new Error(`manifest.xml: nothing matches ${pattern} for the emulator manifest.`);
    return text.replace(pattern, replacement);
  }, xml);
}

/** Build-time configuration: public identifiers only (a client id is not a secret). Never put a secret here. */
const BUILD_CONFIG_KEYS = [
  "KPI_CLIENT_ID",
  "KPI_TENANT_ID",
  "KPI_SITE",
  "KPI_GRAPH_BASE_URL",
  "KPI_KPI_LIST",
  "KPI_BUDGET_LIST",
  "KPI_REDIRECT_URI",
];

/** The Office-dialog sign-in page (helper-owned under src/auth/dialog/): built only when its source exists. */
function authDialogEntry() {
  for (const name of ["index.ts", "dialog.ts", "index.tsx"]) {
    const file = path.resolve(__dirname, "src/auth/dialog", name);
    if (fs.existsSync(file)) return file;
  }
  return null;
}

/** https for the dev server: office-addin-dev-certs' certificate, trusted by Office once `npm run dev-certs` ran. */
async function httpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  try {
    return await devCerts.getHttpsServerOptions();
  } catch (err) {
    // Installing the CA needs admin rights; the certificates it generated still serve https (untrusted until installed).
    const defaults = require("office-addin-dev-certs/lib/defaults");
    if (!fs.existsSync(defaults.localhostCertificatePath)) throw err;
    console.warn(
      `office-addin-dev-certs: ${err.message.split("\n")[0]} Run \`npm run dev-certs\` as an administrator so Office trusts https://localhost:3000.`,
    );
    return {
      ca: fs.readFileSync(defaults.caCertificatePath),
      cert: fs.readFileSync(defaults.localhostCertificatePath),
      key: fs.readFileSync(defaults.localhostKeyPath),
    };
  }
}

async function devServerOptions() {
  return {
    port: 3000,
    headers: { "Access-Control-Allow-Origin": "*" },
    server: { type: "https", options: await httpsOptions() },
    static: { directory: path.resolve(__dirname, "dist"), watch: false },
    // The Graph emulator behind the same https origin: dist/manifest.emulator.xml opens
    // taskpane.html?emulator=https://localhost:3000/v1.0, with `npm run emulator` running (KPI_EMULATOR_URL when it
    // is not on 127.0.0.1:7373).
    proxy: [{ context: [EMULATOR_PROXY_PATH], target: process.env.KPI_EMULATOR_URL || EMULATOR_DEFAULT_URL }],
    // The manifests on disk too, so `npm run dev-server` alone leaves dist/manifest.emulator.xml to sideload.
    devMiddleware: { writeToDisk: (file) => /manifest(\.emulator)?\.xml$/.test(file) },
  };
}

module.exports = async (env, argv) => {
  const production = argv.mode !== "development";
  const serving = Boolean(env && env.WEBPACK_SERVE);
  const dialog = authDialogEntry();

  const entry = {
    taskpane: "./src/taskpane/index.tsx",
    commands: "./src/commands/commands.ts",
    checkResult: "./src/commands/check-result.ts",
  };
  if (dialog) entry.authDialog = dialog;

  const pages = [
    new HtmlWebpackPlugin({
      filename: "taskpane.html",
      template: "./src/taskpane/taskpane.html",
      chunks: ["taskpane"],
      officeJs: OFFICE_JS,
    }),
    new HtmlWebpackPlugin({
      filename: "check-result.html",
      template: "./src/commands/check-result.html",
      chunks: ["checkResult"],
      officeJs: OFFICE_JS,
    }),
    new HtmlWebpackPlugin({
      filename: "commands.html",
      template: "./src/commands/commands.html",
      chunks: ["commands"],
      officeJs: OFFICE_JS,
    }),
  ];
  if (dialog) {
    const template = path.join(path.dirname(dialog), "dialog.html");
    pages.push(
      new HtmlWebpackPlugin({
        filename: "auth-dialog.html",
        chunks: ["authDialog"],
        officeJs: OFFICE_JS,
        ...(fs.existsSync(template) ? { template } : { title: "Sign in" }),
      }),
    );
  }

  const defined = {};
  for (const key of BUILD_CONFIG_KEYS) defined[`process.env.${key}`] = JSON.stringify(process.env[key] ?? "");

  return {
    mode: production ? "production" : "development",
    // Production maps name files and lines for a stack trace but carry none of the source text: what is deployed
    // shows no more of the code than the minified scripts already do.
    devtool: production ? "nosources-source-map" : "eval-cheap-module-source-map",
    entry,
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      chunkFilename: production ? "[name].[contenthash:8].js" : "[name].js",
      publicPath: "",
      // dist/node/ is the Node build (tsc); keep it when webpack cleans its own output.
      clean: { keep: /^node[\\/]/ },
    },
    resolve: { extensions: [".ts", ".tsx", ".js", ".json"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // Type-checking is `npm run typecheck`'s job; ES modules here let webpack tree-shake and split on import().
            options: { transpileOnly: true, compilerOptions: { module: "esnext", sourceMap: true } },
          },
        },
        { test: /\.(png|svg)$/, type: "asset/resource", generator: { filename: "assets/[name][ext]" } },
      ],
    },
    plugins: [
      ...pages,
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            // A deployment swaps the dev URL for its own host: KPI_ADDIN_URL=https://addin.example.org/ npm run build
            transform: (content) =>
              process.env.KPI_ADDIN_URL
                ? content.toString().split(DEV_URL).join(process.env.KPI_ADDIN_URL)
                : content,
          },
          // Always for https://localhost:3000: the emulator is a developer's, on their own machine.
          {
            from: "manifest.xml",
            to: "manifest.emulator.xml",
            transform: (content) => emulatorManifest(content.toString()),
          },
        ],
      }),
      new webpack.DefinePlugin(defined),
    ],
    performance: { hints: production ? "warning" : false, maxEntrypointSize: 800_000, maxAssetSize: 800_000 },
    devServer: serving ? await devServerOptions() : undefined,
  };
};

// For the manifest test: how the emulator manifest is made, and what the dev server proxies.
module.exports.emulatorManifest = emulatorManifest;
module.exports.EMULATOR_PROXY_PATH = EMULATOR_PROXY_PATH;
module.exports.EMULATOR_DEFAULT_URL = EMULATOR_DEFAULT_URL;
