//! `tug sim`: the ECS scheduler simulator on the command line.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::cli::Context;
use crate::diag::SourceFile;
use crate::error::{Error, Result, EXIT_FAILURE, EXIT_OK, EXIT_USAGE};
use crate::fargate;
use crate::sim::{self, PlacerKind};
use crate::workspace::{plan, Unset};

const RUN_HELP: &str = "\
Scenario file (YAML; unknown keys are errors): seed, instances, task_definitions,
services, tasks (standalone RunTask), events (deploy, fail_az, drain_instance, scale,
metric), prices, options. See docs/sim.md for every field.

Model choices (set under `options:` in the scenario; defaults shown):
  chaining: lexicographic     each strategy chooses among the candidates tied under the
                              earlier ones (`first`: only the first strategy counts)
  tie-break                   a tie left after the last strategy goes to the instance
                              ranked first in a random order drawn once from the seed
  precedence: not-and-or      in memberOf expressions (`left-to-right`: and/or equal)
  breaker_minimum: 3          circuit-breaker threshold = clamp(ceil(desired/2), 3, 200)
                              (the 2023 guide said 10)
  scale_in_ratio: 0.9         scale in only below 0.9 x target; out: ceil(n*metric/target),
                              in: floor(n*metric/target), clamped to min/max
  task_start_seconds: 30      one rollout step (start to RUNNING)
  restart_delay_seconds: 30   first restart delay of a task that dies before RUNNING;
                              doubles up to 15 minutes
  unplaced reason             filters ACTIVE instances by CPU, memory, GPU, ports, ENI,
                              then each constraint; the filter that leaves none is the reason
Prices (Fargate, per hour, us-east-1 Linux) can be overridden under `prices:`, and so can
EC2 instance prices (`prices: {instances: {m5.large: 0.096}, ec2_spot_discount: 0.65}`,
over tug's table of us-east-1 On-Demand prices); the report shows what the instances cost
beside what their tasks would cost on Fargate.

Exit status: 0 every task placed and no rollout stuck or failed; 1 otherwise;
2 the scenario is invalid.";

#[derive(Debug, Args)]
#[command(after_long_help = RUN_HELP)]
pub struct SimArgs {
    #[command(subcommand)]
    pub command: SimCommand,
}

#[derive(Debug, Subcommand)]
pub enum SimCommand {
    /// Place a scenario's tasks and play its timeline
    #[command(after_long_help = RUN_HELP)]
    Run(RunArgs),
    /// Place the workspace's services in an environment, as a deploy would
    Plan(PlanArgs),
    /// Check a Fargate task size and price it
    Fargate(FargateArgs),
    /// Generate a large scenario (for benchmarks) on stdout
    Gen(GenArgs),
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The scenario file
    #[arg(value_name = "SCENARIO.yml")]
    pub scenario: PathBuf,
    /// Seed for the random choices (default: the scenario's `seed`, else 0)
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Use the plain reference placer (scans every instance for every task)
    #[arg(long)]
    pub reference: bool,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The environment (EC2 capacity from its `capacity:`, Fargate AZs from its subnets)
    #[arg(short = 'e', long = "env", value_name = "ENV")]
    pub env: Option<String>,
}

#[derive(Debug, Args)]
pub struct FargateArgs {
    /// Task CPU units (256, 512, 1024, 2048, 4096, 8192, 16384)
    #[arg(long, value_name = "CPU")]
    pub cpu: u32,
    /// Task memory in MiB
    #[arg(long, value_name = "MEM")]
    pub memory: u32,
    /// linux/x86_64, linux/arm64 or windows/x86_64
    #[arg(long, default_value = "linux/x86_64", value_name = "OS/ARCH")]
    pub platform: String,
}

#[derive(Debug, Args)]
pub struct GenArgs {
    /// Container instances
    #[arg(long, value_name = "N")]
    pub instances: u32,
    /// Tasks in all (two services)
    #[arg(long, value_name = "M")]
    pub tasks: u32,
    /// Availability Zones
    #[arg(long, default_value_t = 3, value_name = "K")]
    pub azs: u32,
    /// Seed written into the scenario
    #[arg(long, default_value_t = 1, value_name = "S")]
    pub seed: u64,
}

impl SimArgs {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        match self.command {
            SimCommand::Run(args) => run(args, ctx),
            SimCommand::Plan(args) => plan(args, ctx),
            SimCommand::Fargate(args) => fargate_cmd(args, ctx),
            SimCommand::Gen(args) => gen(args, ctx),
        }
    }
}

fn run(args: RunArgs, ctx: &Context) -> Result<u8> {
    let path = ctx.cwd.join(&args.scenario);
    let bytes = SourceFile::read_bounded(&path).map_err(|e| {
        // Exit 2 like an invalid scenario: 1 means "ran, and something did not place".
        Error::usage(format!("cannot read {}: {e}", args.scenario.display()))
            .with_help("pass the path of a scenario file (tug sim gen writes one)")
    })?;
    let name = args.scenario.display().to_string();
    let loaded = SourceFile::from_bytes(&path, name, bytes, "scenario files")
        .map_err(|d| vec![d])
        .and_then(|src| sim::scenario::load(&src));
    let loaded = match loaded {
        Ok(l) => l,
        Err(diags) => {
            if ctx.printer.json {
                ctx.printer.json(&crate::ui::json::ValidateReport {
                    schema: crate::ui::json::SCHEMA_VERSION,
                    valid: false,
                    diagnostics: diags.iter().map(Into::into).collect(),
                })?;
            }
            for d in &diags {
                ctx.printer.diagnostic(d);
            }
            return Ok(EXIT_USAGE);
        }
    };
    for w in &loaded.warnings {
        ctx.printer.diagnostic(w);
    }
    let seed = args.seed.unwrap_or(loaded.scenario.seed);
    let placer = if args.reference {
        PlacerKind::Reference
    } else {
        PlacerKind::Fast
    };
    let started = std::time::Instant::now();
    let mut report = sim::run(&loaded.scenario, seed, placer);
    let secs = started.elapsed().as_secs_f64();
    let prices = &loaded.scenario.instance_prices;
    report.ec2 = sim::cost::ec2(&loaded.scenario, &report, |i| prices.on_demand_of(i));
    // The scenario's own warnings lead the report's (already shown on stderr).
    let located = loaded.warnings.iter().map(|d| match d.span {
        Some(sp) => format!(
            "{}:{}:{}: {}",
            d.file_name().unwrap_or(""),
            sp.line,
            sp.column,
            d.message
        ),
        None => d.message.clone(),
    });
    report.warnings.splice(0..0, located);
    ctx.printer.detail(&format!(
        "simulated in {:.3} ms: {} task(s) running, {:.0} placements/s ({} placer)",
        secs * 1000.0,
        report.placed,
        report.placed as f64 / secs.max(1e-9),
        if args.reference { "reference" } else { "fast" }
    ));
    let code = if report.ok() { EXIT_OK } else { EXIT_FAILURE };
    if ctx.printer.json {
        // Straight to text: a 50,000-instance report is too big to build as a Value first.
        let doc = crate::ui::json::SimReport {
            schema: crate::ui::json::SCHEMA_VERSION,
            report: &report,
        };
        let text = serde_json::to_string_pretty(&doc)
            .map_err(|e| Error::user(format!("cannot serialise the report: {e}")))?;
        ctx.printer.out(&text)?;
    } else {
        ctx.printer
            .out(&crate::ui::sim::report(&report, loaded.warnings.len()))?;
    }
    Ok(code)
}

fn plan(args: PlanArgs, ctx: &Context) -> Result<u8> {
    let ws = ctx.workspace()?;
    let env = crate::cli::env_name(&ws, args.env.as_deref(), "-e ENV")?;
    let manifests = ws.read_all(&ctx.cwd);
    let view = manifests.view(&env, Unset::Warning)?;
    let outcome = plan::environment(&view);
    let Some(mut report) = outcome.report else {
        let mut diagnostics = view.diagnostics;
        diagnostics.extend(outcome.diagnostics);
        return Err(Error::Diagnostics(diagnostics));
    };
    if let (Some(env), Some(sc)) = (&view.environment, &outcome.scenario) {
        report.ec2 = plan::ec2_cost(env, sc, &report);
    }
    let mut diagnostics = view.diagnostics;
    diagnostics.extend(outcome.diagnostics);
    for d in diagnostics.iter().filter(|d| !d.is_error()) {
        ctx.printer.diagnostic(d);
    }
    if ctx.printer.json {
        let doc = crate::ui::json::SimReport {
            schema: crate::ui::json::SCHEMA_VERSION,
            report: &report,
        };
        let text = serde_json::to_string_pretty(&doc)
            .map_err(|e| Error::user(format!("cannot serialise the report: {e}")))?;
        ctx.printer.out(&text)?;
    } else {
        ctx.printer.out(&crate::ui::sim::report(&report, 0))?;
    }
    Ok(if report.ok() { EXIT_OK } else { EXIT_FAILURE })
}

fn fargate_cmd(args: FargateArgs, ctx: &Context) -> Result<u8> {
    let Some((os, arch)) = fargate::parse_platform(&args.platform) else {
        return Err(Error::usage(format!(
            "--platform {}: not a Fargate platform",
            args.platform
        ))
        .with_help("use linux/x86_64, linux/arm64 or windows/x86_64"));
    };
    let platform = fargate::platform_name(os, arch);
    let prices = fargate::Prices::default();
    let result = fargate::check(args.cpu, args.memory, os, arch);
    let price = result
        .is_ok()
        .then(|| prices.per_hour(args.cpu, args.memory, arch, 20));
    let suggestions = match &result {
        Ok(()) => Vec::new(),
        Err(e) => e.suggestions.clone(),
    };
    if ctx.printer.json {
        ctx.printer.json(&crate::ui::json::FargateCheck {
            schema: crate::ui::json::SCHEMA_VERSION,
            valid: result.is_ok(),
            cpu: args.cpu,
            memory: args.memory,
            platform: platform.to_string(),
            suggestions: suggestions
                .iter()
                .map(|(cpu, memory)| crate::ui::json::FargateSize {
                    cpu: *cpu,
                    memory: *memory,
                })
                .collect(),
            price_per_hour: price.map(round6),
        })?;
    } else {
        let text =
            crate::ui::sim::fargate(args.cpu, args.memory, &platform, arch, &result, &prices);
        ctx.printer.out(&text)?;
    }
    Ok(if result.is_ok() {
        EXIT_OK
    } else {
        EXIT_FAILURE
    })
}

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

fn gen(args: GenArgs, ctx: &Context) -> Result<u8> {
    if args.instances == 0 || args.azs == 0 {
        return Err(Error::usage("--instances and --azs must be at least 1"));
    }
    ctx.printer.out(&sim::gen::scenario(
        args.instances,
        args.tasks,
        args.azs,
        args.seed,
    ))?;
    Ok(EXIT_OK)
}
