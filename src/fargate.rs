//! Fargate task sizes, platform rules and prices (ecs-scheduler spec, section 3).

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Os {
    Linux,
    Windows,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Arch {
    X86_64,
    Arm64,
}

/// One row of the size table: for `cpu`, memory from `min` to `max` in steps of `step`.
struct Row {
    cpu: u32,
    min: u32,
    max: u32,
    step: u32,
    windows: bool,
}

const TABLE: &[Row] = &[
    Row {
        cpu: 256,
        min: 512,
        max: 2048,
        step: 512,
        windows: false,
    },
    Row {
        cpu: 512,
        min: 1024,
        max: 4096,
        step: 1024,
        windows: false,
    },
    Row {
        cpu: 1024,
        min: 2048,
        max: 8192,
        step: 1024,
        windows: true,
    },
    Row {
        cpu: 2048,
        min: 4096,
        max: 16384,
        step: 1024,
        windows: true,
    },
    Row {
        cpu: 4096,
        min: 8192,
        max: 30720,
        step: 1024,
        windows: true,
    },
    Row {
        cpu: 8192,
        min: 16384,
        max: 61440,
        step: 4096,
        windows: false,
    },
    Row {
        cpu: 16384,
        min: 32768,
        max: 122880,
        step: 8192,
        windows: false,
    },
];

/// The memory values (MiB) valid with `cpu` on `os`; empty when `cpu` is not a Fargate size.
pub fn memories(cpu: u32, os: Os) -> Vec<u32> {
    TABLE
        .iter()
        .filter(|r| r.cpu == cpu && (os == Os::Linux || r.windows))
        .flat_map(|r| {
            // 256 CPU takes 512, 1024 and 2048 only.
            let step = if r.cpu == 256 { 0 } else { r.step };
            if step == 0 {
                vec![512, 1024, 2048]
            } else {
                (r.min..=r.max).step_by(step as usize).collect()
            }
        })
        .collect()
}

/// The CPU values valid on `os`.
pub fn cpus(os: Os) -> Vec<u32> {
    TABLE
        .iter()
        .filter(|r| os == Os::Linux || r.windows)
        .map(|r| r.cpu)
        .collect()
}

/// Every valid (cpu, memory) pair on `os`.
pub fn pairs(os: Os) -> impl Iterator<Item = (u32, u32)> {
    cpus(os)
        .into_iter()
        .flat_map(move |c| memories(c, os).into_iter().map(move |m| (c, m)))
}

pub fn is_valid(cpu: u32, memory: u32, os: Os) -> bool {
    memories(cpu, os).contains(&memory)
}

/// Why a size is not a Fargate size, and the nearest sizes that are.
#[derive(Debug, Clone, PartialEq)]
pub struct SizeError {
    pub message: String,
    /// What the valid memory range is for this cpu, when the cpu itself is valid.
    pub detail: String,
    pub suggestions: Vec<(u32, u32)>,
}

/// Checks a size; on failure suggests up to three nearest valid pairs (closest first,
/// distance measured in doublings of cpu and memory).
pub fn check(cpu: u32, memory: u32, os: Os, arch: Arch) -> Result<(), SizeError> {
    if os == Os::Windows && arch == Arch::Arm64 {
        return Err(SizeError {
            message: "Windows on Fargate runs on x86_64 only".into(),
            detail: "use platform windows/x86_64".into(),
            suggestions: vec![],
        });
    }
    if is_valid(cpu, memory, os) {
        return Ok(());
    }
    let mems = memories(cpu, os);
    let os_name = match os {
        Os::Linux => "Linux",
        Os::Windows => "Windows",
    };
    let (message, detail) = if mems.is_empty() {
        let list = cpus(os)
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        (
            format!("cpu {cpu} is not a Fargate size on {os_name}"),
            format!("valid cpu on {os_name}: {list}"),
        )
    } else {
        (
            format!("cpu {cpu} with memory {memory} is not a Fargate size"),
            format!("valid memory for cpu {cpu}: {}", describe_memories(cpu, os)),
        )
    };
    Err(SizeError {
        message,
        detail,
        suggestions: nearest(cpu, memory, os, 3),
    })
}

/// Describes the memory choices for `cpu` the way the table in the AWS guide does.
pub fn describe_memories(cpu: u32, os: Os) -> String {
    let mems = memories(cpu, os);
    match (mems.first(), mems.last()) {
        _ if cpu == 256 => "512, 1024 or 2048 MiB".into(),
        (Some(first), Some(last)) => {
            let step = mems.get(1).map(|m| m - first).unwrap_or(0);
            format!("{first}-{last} MiB in steps of {step}")
        }
        _ => "none".into(),
    }
}

/// The `n` valid pairs nearest to (cpu, memory).
pub fn nearest(cpu: u32, memory: u32, os: Os, n: usize) -> Vec<(u32, u32)> {
    let cpu = cpu.max(1) as f64;
    let memory = memory.max(1) as f64;
    let mut all: Vec<((u32, u32), f64)> = pairs(os)
        .map(|(c, m)| {
            let d = (c as f64 / cpu).log2().abs() + (m as f64 / memory).log2().abs();
            ((c, m), d)
        })
        .collect();
    all.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    all.into_iter().take(n).map(|(p, _)| p).collect()
}

/// On-demand and Spot prices per hour; a scenario may override any of them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Prices {
    pub x86_vcpu: f64,
    pub x86_gb: f64,
    pub arm_vcpu: f64,
    pub arm_gb: f64,
    pub ephemeral_gb: f64,
    /// Fargate Spot discount, 0.0-0.7.
    pub spot_discount: f64,
}

impl Default for Prices {
    /// us-east-1 Linux prices.
    fn default() -> Self {
        Prices {
            x86_vcpu: 0.04048,
            x86_gb: 0.004445,
            arm_vcpu: 0.03238,
            arm_gb: 0.00356,
            ephemeral_gb: 0.000111,
            spot_discount: 0.7,
        }
    }
}

impl Prices {
    /// Price per hour of one task; `ephemeral_gib` above 20 is charged.
    pub fn per_hour(&self, cpu: u32, memory: u32, arch: Arch, ephemeral_gib: u32) -> f64 {
        let vcpu = cpu as f64 / 1024.0;
        let gb = memory as f64 / 1024.0;
        let (pv, pg) = match arch {
            Arch::X86_64 => (self.x86_vcpu, self.x86_gb),
            Arch::Arm64 => (self.arm_vcpu, self.arm_gb),
        };
        vcpu * pv + gb * pg + ephemeral_gib.saturating_sub(20) as f64 * self.ephemeral_gb
    }
}

/// Hours in the 30-day month that monthly prices assume.
pub const HOURS_PER_MONTH: f64 = 720.0;

/// `linux/x86_64`, `linux/arm64`, `windows/x86_64`.
pub fn platform_name(os: Os, arch: Arch) -> String {
    let os = match os {
        Os::Linux => "linux",
        Os::Windows => "windows",
    };
    let arch = match arch {
        Arch::X86_64 => "x86_64",
        Arch::Arm64 => "arm64",
    };
    format!("{os}/{arch}")
}

/// Reads `linux/arm64`, `linux/x86_64` (or `amd64`), `windows/x86_64`, or just the OS.
pub fn parse_platform(s: &str) -> Option<(Os, Arch)> {
    let lower = s.to_ascii_lowercase();
    let (os, arch) = lower.split_once('/').unwrap_or((lower.as_str(), "x86_64"));
    let os = match os {
        "linux" => Os::Linux,
        "windows" => Os::Windows,
        _ => return None,
    };
    let arch = match arch {
        "x86_64" | "amd64" | "x86-64" => Arch::X86_64,
        "arm64" | "aarch64" => Arch::Arm64,
        _ => return None,
    };
    Some((os, arch))
}

/// Ephemeral storage a task may ask for, in GiB (20 is the default; Copilot's
/// `storage.ephemeral` accepts 20-200, the API's `sizeInGiB` 21-200).
pub const EPHEMERAL_GIB: std::ops::RangeInclusive<u32> = 20..=200;

/// Task cpu units a task on EC2 may ask for: 0.125 to 192 vCPUs (RegisterTaskDefinition;
/// the limit was 10240 before 2025).
pub const EC2_TASK_CPU: std::ops::RangeInclusive<u32> = 128..=196_608;

/// Fargate Spot is Linux on x86_64 only.
pub fn spot_allowed(os: Os, arch: Arch) -> bool {
    os == Os::Linux && arch == Arch::X86_64
}

/// What a task that ran `seconds` costs at `per_hour`: billed per second, with a
/// one-minute minimum.
pub fn billed(per_hour: f64, seconds: u64) -> f64 {
    per_hour * seconds.max(60) as f64 / 3600.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_matches_the_guide() {
        assert_eq!(memories(256, Os::Linux), vec![512, 1024, 2048]);
        assert_eq!(memories(512, Os::Linux), vec![1024, 2048, 3072, 4096]);
        assert_eq!(memories(4096, Os::Linux).last(), Some(&30720));
        assert_eq!(memories(8192, Os::Linux).get(1), Some(&20480));
        assert_eq!(memories(16384, Os::Linux).last(), Some(&122880));
        assert!(memories(512, Os::Windows).is_empty());
        assert!(is_valid(1024, 2048, Os::Windows));
    }

    #[test]
    fn bad_pair_suggests_more_memory_or_less_cpu() {
        let err = check(1024, 1024, Os::Linux, Arch::X86_64).unwrap_err();
        assert_eq!(
            err.message,
            "cpu 1024 with memory 1024 is not a Fargate size"
        );
        assert!(err.suggestions.contains(&(1024, 2048)));
        assert!(err.suggestions.contains(&(512, 1024)));
        assert_eq!(
            err.detail,
            "valid memory for cpu 1024: 2048-8192 MiB in steps of 1024"
        );
    }

    #[test]
    fn price_of_a_small_task() {
        let p = Prices::default().per_hour(256, 512, Arch::X86_64, 20);
        assert!((p - (0.25 * 0.04048 + 0.5 * 0.004445)).abs() < 1e-9);
    }

    #[test]
    fn billing_is_per_second_with_a_minute_minimum() {
        assert_eq!(billed(3.6, 10), billed(3.6, 60));
        assert!((billed(3.6, 60) - 0.06).abs() < 1e-12);
        assert!((billed(3.6, 61) - 0.061).abs() < 1e-12);
    }
}
