//! The status of a CloudFormation stack, as a type: what the deployer decides on (settled,
//! succeeded, rolled back) is asked of it, never read off a string.

use std::fmt;

/// A stack's status (CloudFormation's `StackStatus`); a status this version of tug does
/// not know is `Other`, kept as AWS wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StackStatus {
    CreateInProgress,
    CreateFailed,
    CreateComplete,
    RollbackInProgress,
    RollbackFailed,
    RollbackComplete,
    DeleteInProgress,
    DeleteFailed,
    DeleteComplete,
    UpdateInProgress,
    UpdateCompleteCleanupInProgress,
    UpdateComplete,
    UpdateFailed,
    UpdateRollbackInProgress,
    UpdateRollbackFailed,
    UpdateRollbackCompleteCleanupInProgress,
    UpdateRollbackComplete,
    ReviewInProgress,
    ImportInProgress,
    ImportComplete,
    ImportRollbackInProgress,
    ImportRollbackFailed,
    ImportRollbackComplete,
    Other(String),
}

use StackStatus::*;

/// Every known status and its name on AWS.
const NAMES: [(StackStatus, &str); 23] = [
    (CreateInProgress, "CREATE_IN_PROGRESS"),
    (CreateFailed, "CREATE_FAILED"),
    (CreateComplete, "CREATE_COMPLETE"),
    (RollbackInProgress, "ROLLBACK_IN_PROGRESS"),
    (RollbackFailed, "ROLLBACK_FAILED"),
    (RollbackComplete, "ROLLBACK_COMPLETE"),
    (DeleteInProgress, "DELETE_IN_PROGRESS"),
    (DeleteFailed, "DELETE_FAILED"),
    (DeleteComplete, "DELETE_COMPLETE"),
    (UpdateInProgress, "UPDATE_IN_PROGRESS"),
    (
        UpdateCompleteCleanupInProgress,
        "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS",
    ),
    (UpdateComplete, "UPDATE_COMPLETE"),
    (UpdateFailed, "UPDATE_FAILED"),
    (UpdateRollbackInProgress, "UPDATE_ROLLBACK_IN_PROGRESS"),
    (UpdateRollbackFailed, "UPDATE_ROLLBACK_FAILED"),
    (
        UpdateRollbackCompleteCleanupInProgress,
        "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS",
    ),
    (UpdateRollbackComplete, "UPDATE_ROLLBACK_COMPLETE"),
    (ReviewInProgress, "REVIEW_IN_PROGRESS"),
    (ImportInProgress, "IMPORT_IN_PROGRESS"),
    (ImportComplete, "IMPORT_COMPLETE"),
    (ImportRollbackInProgress, "IMPORT_ROLLBACK_IN_PROGRESS"),
    (ImportRollbackFailed, "IMPORT_ROLLBACK_FAILED"),
    (ImportRollbackComplete, "IMPORT_ROLLBACK_COMPLETE"),
];

impl StackStatus {
    /// The status named `name` on AWS.
    pub fn parse(name: &str) -> StackStatus {
        NAMES
            .iter()
            .find(|(_, n)| *n == name)
            .map_or_else(|| Other(name.to_string()), |(s, _)| s.clone())
    }

    /// The name on AWS.
    pub fn as_str(&self) -> &str {
        match self {
            Other(name) => name,
            known => NAMES
                .iter()
                .find(|(s, _)| s == known)
                .map_or("", |(_, n)| n),
        }
    }

    /// Settled: no operation is running on the stack.
    pub fn is_settled(&self) -> bool {
        !self.as_str().ends_with("_IN_PROGRESS")
    }

    /// Settled, and the last operation did what it was asked.
    pub fn is_success(&self) -> bool {
        matches!(
            self,
            CreateComplete | UpdateComplete | DeleteComplete | ImportComplete
        )
    }

    /// The last operation was rolled back (or its rollback failed).
    pub fn is_rollback(&self) -> bool {
        self.as_str().contains("ROLLBACK")
    }
}

impl fmt::Display for StackStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for StackStatus {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_classify() {
        for (status, name) in &NAMES {
            assert_eq!(&StackStatus::parse(name), status);
            assert_eq!(status.as_str(), *name);
        }
        assert_eq!(StackStatus::parse("NEW_THING").to_string(), "NEW_THING");
        assert!(!UpdateRollbackCompleteCleanupInProgress.is_settled());
        assert!(UpdateRollbackComplete.is_settled() && UpdateRollbackComplete.is_rollback());
        assert!(!UpdateRollbackComplete.is_success());
        assert!(UpdateComplete.is_success() && !UpdateComplete.is_rollback());
        assert_eq!(
            serde_json::to_string(&RollbackComplete).unwrap(),
            "\"ROLLBACK_COMPLETE\""
        );
    }
}
