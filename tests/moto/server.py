"""Starts moto's server with three fixes to its change-set execution (moto 5.2.5).

moto applies a change set's resources but, unlike AWS and unlike its own CreateStack and
UpdateStack, it does not then compute the stack's outputs, register its exports, record
the new parameters, or let the stack resolve Fn::ImportValue from other stacks' exports.
Without these, no stack deployed through a change set (which is how tug deploys every
stack) has outputs, and a service stack cannot import its environment's. Each fix only
makes moto do what AWS does; see tests/README.md. Usage: server.py -H HOST -p PORT.
"""

import sys

from moto.cloudformation import models
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


Backend.create_change_set = create_change_set
Backend.execute_change_set = execute_change_set

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
