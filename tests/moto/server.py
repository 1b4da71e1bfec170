"""Starts moto's server with fixes to its change-set execution (moto 5.2.5).

moto applies a change set's resources but, unlike AWS and unlike its own CreateStack and
UpdateStack, it does not then compute the stack's outputs, register its exports, record
the new parameters, or let the stack resolve Fn::ImportValue from other stacks' exports.
Without these, no stack deployed through a change set (which is how tug deploys every
stack) has outputs, and a service stack cannot import its environment's. Each fix only
makes moto do what AWS does; see tests/README.md. Usage: server.py -H HOST -p PORT.

Also, an AWS::EFS::AccessPoint made by CloudFormation answers `Ref` with its id and
`Fn::GetAtt` with its `Arn` and `AccessPointId`, as on AWS (moto returns neither), and an
AWS::ECS::TaskDefinition keeps its volumes' EFS configuration under the ECS API's names
(moto lowers only the first letter, `eFSVolumeConfiguration`, which its API then drops).
"""

import sys

from moto.cloudformation import models
from moto.ecs import models as ecs
from moto.efs import models as efs
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.server import main

Backend = models.CloudFormationBackend
_create = Backend.create_change_set
_execute = Backend.execute_change_set


def _find(backend, change_set_name):
    if change_set_name in backend.change_sets:
        return backend.change_sets[change_set_name]
    for cs in backend.change_sets.values():
        if cs.change_set_name == change_set_name:
            return cs
    return None


def create_change_set(self, *args, **kwargs):
    change_set_id, stack_id = _create(self, *args, **kwargs)
    stack = self.stacks[stack_id]
    # Fn::ImportValue resolves against the exports of the Region, as in CreateStack.
    stack.cross_stack_resources = self.exports
    stack.resource_map.cross_stack_resources = self.exports
    return change_set_id, stack_id


def execute_change_set(self, change_set_name, stack_name=None):
    change_set = _find(self, change_set_name)
    _execute(self, change_set_name, stack_name)
    if change_set is None:
        return
    stack = self.stacks[change_set.stack_id]
    stack._parse_template()
    stack.parameters = change_set.parameters
    stack.output_map = stack._create_output_map()
    for name in [n for n, e in self.exports.items() if e.exporting_stack_id == stack.stack_id]:
        del self.exports[name]
    for export in stack.exports:
        self.exports[export.name] = export


def _access_point_attribute(self, name):
    if name == "Arn":
        return self.access_point_arn
    if name == "AccessPointId":
        return self.access_point_id
    raise UnformattedGetAttTemplateException()


efs.AccessPoint.physical_resource_id = property(lambda self: self.access_point_id)
efs.AccessPoint.has_cfn_attr = classmethod(lambda cls, name: name in ("Arn", "AccessPointId"))
efs.AccessPoint.get_cfn_attribute = _access_point_attribute

# CloudFormation's property names where the ECS API's differ by more than the first letter.
_ECS_NAMES = {
    "eFSVolumeConfiguration": "efsVolumeConfiguration",
    "filesystemId": "fileSystemId",
    "iAM": "iam",
}
_create_task_definition = ecs.TaskDefinition.create_from_cloudformation_json.__func__


def _ecs_names(value):
    if isinstance(value, list):
        return [_ecs_names(v) for v in value]
    if isinstance(value, dict):
        return {_ECS_NAMES.get(k, k): _ecs_names(v) for k, v in value.items()}
    return value


def create_task_definition(cls, *args, **kwargs):
    task_definition = _create_task_definition(cls, *args, **kwargs)
    task_definition.volumes = _ecs_names(task_definition.volumes)
    return task_definition


ecs.TaskDefinition.create_from_cloudformation_json = classmethod(create_task_definition)

Backend.create_change_set = create_change_set
Backend.execute_change_set = execute_change_set

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
