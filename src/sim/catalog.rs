//! The built-in catalogue of EC2 instance types: what the ECS agent registers.

use crate::fargate::Arch;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InstanceType {
    pub name: &'static str,
    pub vcpu: u32,
    /// The instance type's memory in MiB.
    pub memory: u32,
    /// Memory the ECS agent registers (MiB): the type's memory less what the ECS-optimised
    /// AMI's kernel and agent keep, taken from agents' reports.
    pub registered_memory: u32,
    /// Maximum network interfaces (the primary one included).
    pub enis: u32,
    pub gpus: u32,
    pub arch: Arch,
}

impl InstanceType {
    pub fn cpu_units(&self) -> u32 {
        self.vcpu * 1024
    }

    /// awsvpc tasks with ENI trunking on (`None`: the type does not support trunking).
    pub fn trunk_tasks(&self) -> Option<u32> {
        if self.name.starts_with("t2.") || self.name.starts_with("t3.") {
            return None;
        }
        match self.name.split('.').nth(1)? {
            "large" => Some(10),
            "xlarge" => Some(20),
            "2xlarge" => Some(40),
            "4xlarge" => Some(60),
            "16xlarge" | "18xlarge" => Some(120),
            _ => None,
        }
    }
}

const fn t(
    name: &'static str,
    vcpu: u32,
    gib: u32,
    registered: u32,
    enis: u32,
    gpus: u32,
    arch: Arch,
) -> InstanceType {
    InstanceType {
        name,
        vcpu,
        memory: gib * 1024,
        registered_memory: registered,
        enis,
        gpus,
        arch,
    }
}

use Arch::{Arm64 as A, X86_64 as X};

/// Half-GiB types (t2.micro/t3.micro are 1 GiB) are written in MiB where it matters.
pub const TYPES: &[InstanceType] = &[
    t("t2.micro", 1, 1, 982, 2, 0, X),
    t("t2.small", 1, 2, 1993, 3, 0, X),
    t("t2.medium", 2, 4, 3943, 3, 0, X),
    t("t2.large", 2, 8, 7975, 3, 0, X),
    t("t3.micro", 2, 1, 952, 2, 0, X),
    t("t3.small", 2, 2, 1901, 3, 0, X),
    t("t3.medium", 2, 4, 3828, 3, 0, X),
    t("t3.large", 2, 8, 7681, 3, 0, X),
    t("t3.xlarge", 4, 16, 15_577, 4, 0, X),
    t("m5.large", 2, 8, 7680, 3, 0, X),
    t("m5.xlarge", 4, 16, 15_576, 4, 0, X),
    t("m5.2xlarge", 8, 32, 31_456, 4, 0, X),
    t("m5.4xlarge", 16, 64, 63_219, 8, 0, X),
    t("m5.16xlarge", 64, 256, 253_782, 15, 0, X),
    t("c5.large", 2, 4, 3704, 3, 0, X),
    t("c5.xlarge", 4, 8, 7429, 4, 0, X),
    t("c5.2xlarge", 8, 16, 15_227, 4, 0, X),
    t("c5.4xlarge", 16, 32, 30_784, 8, 0, X),
    t("c5.18xlarge", 72, 144, 141_478, 15, 0, X),
    t("r5.large", 2, 16, 15_576, 3, 0, X),
    t("r5.xlarge", 4, 32, 31_456, 4, 0, X),
    t("m6g.large", 2, 8, 7680, 3, 0, A),
    t("m6g.xlarge", 4, 16, 15_576, 4, 0, A),
    t("c6g.large", 2, 4, 3704, 3, 0, A),
    t("c6g.xlarge", 4, 8, 7429, 4, 0, A),
    t("g4dn.xlarge", 4, 16, 15_576, 3, 1, X),
    t("p3.2xlarge", 8, 61, 61_440, 4, 1, X),
];

pub fn find(name: &str) -> Option<&'static InstanceType> {
    TYPES.iter().find(|t| t.name == name)
}

/// The closest catalogue names, for "did you mean".
pub fn suggest(name: &str) -> Option<&'static str> {
    TYPES
        .iter()
        .map(|t| (t.name, strsim::jaro_winkler(t.name, name)))
        .filter(|(_, s)| *s > 0.8)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(n, _)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c5_large_has_three_enis_and_trunks_ten() {
        let c5 = find("c5.large").unwrap();
        assert_eq!(c5.enis, 3);
        assert_eq!(c5.trunk_tasks(), Some(10));
        assert_eq!(find("m5.4xlarge").unwrap().trunk_tasks(), Some(60));
        assert_eq!(find("c5.18xlarge").unwrap().trunk_tasks(), Some(120));
        assert_eq!(find("t2.micro").unwrap().trunk_tasks(), None);
        assert_eq!(find("m5.xlarge").unwrap().cpu_units(), 4096);
        assert!(TYPES.iter().all(|t| t.registered_memory < t.memory + 1));
    }
}
