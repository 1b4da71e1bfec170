"""Starts moto's server with fixes to its CloudFormation (moto 5.2.5).

moto applies a change set's resources but, unlike AWS and unlike its own CreateStack and
UpdateStack, it does not then compute the stack's outputs, register its exports, record
the new parameters, or let the stack resolve Fn::ImportValue from other stacks' exports.
Without these, no stack deployed through a change set (which is how tug deploys every
stack) has outputs, and a service stack cannot import its environment's.

Also, an AWS::EFS::AccessPoint made by CloudFormation answers `Ref` with its id and
`Fn::GetAtt` with its `Arn` and `AccessPointId`, as on AWS (moto returns neither), and an
AWS::ECS::TaskDefinition keeps its volumes' EFS configuration under the ECS API's names
(moto lowers only the first letter, `eFSVolumeConfiguration`, which its API then drops).

moto's CloudFormation also skips the Cloud Map resources (AWS::ServiceDiscovery::*), though
its Cloud Map API works; creates every AWS::Route53::HostedZone public, ignoring `VPCs`;
and drops an AWS::ECS::Service's `ServiceRegistries`. Here they are created through moto's
own backends, as AWS does. So is AWS::CloudWatch::Alarm, which moto's CloudFormation skips
too, and an AWS::ECS::Service keeps its `DeploymentConfiguration`.

Nested stacks (AWS::CloudFormation::Stack, how addons are deployed) are created, updated in
place and deleted as on AWS, their outputs answer the parent's `Fn::GetAtt`, and the
resources addons hold (S3 bucket policies, DynamoDB tables, IAM managed policies and role
attachments, Secrets Manager secrets) are made, updated and deleted as on AWS. A
TemplateBody over 51,200 bytes is refused, as on AWS. ACM certificates and listener
certificates made by CloudFormation exist, ListImports answers, and an export another
stack imports cannot be changed or removed, as on AWS. Each fix only makes moto do what AWS
does; see tests/README.md. Usage: server.py -H HOST -p PORT.
"""

import sys

from moto.cloudformation import models
from moto.ecs import models as ecs
from moto.efs import models as efs
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.ecs import models as ecs_models
from moto.route53 import models as route53_models
from moto.server import main
from moto.servicediscovery.models import servicediscovery_backends

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


def _register_exports(backend, stack):
    """The Region's exports become what `stack` exports now, as after any AWS stack operation."""
    for name in [n for n, e in backend.exports.items() if e.exporting_stack_id == stack.stack_id]:
        del backend.exports[name]
    for export in stack.exports:
        backend.exports[export.name] = export


def execute_change_set(self, change_set_name, stack_name=None):
    change_set = _find(self, change_set_name)
    _execute(self, change_set_name, stack_name)
    if change_set is None:
        return
    stack = self.stacks[change_set.stack_id]
    stack._parse_template()
    stack.parameters = change_set.parameters
    stack.output_map = stack._create_output_map()
    _register_exports(self, stack)


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


def update_task_definition(
    cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
):
    # Any change to a task definition replaces it: a new revision, the old one deregistered.
    # moto's own update registers the template's PascalCase keys, which its API then drops
    # (no container names, no environment): the new revision is made as on create.
    ecs.ecs_backends[account_id][region_name].deregister_task_definition(original_resource.arn)
    return cls.create_from_cloudformation_json(
        new_resource_name, cloudformation_json, account_id, region_name
    )


ecs.TaskDefinition.create_from_cloudformation_json = classmethod(create_task_definition)
ecs.TaskDefinition.update_from_cloudformation_json = classmethod(update_task_definition)

Backend.create_change_set = create_change_set
Backend.execute_change_set = execute_change_set


# --- Rollback alarms: AWS::CloudWatch::Alarm, ECS DeploymentConfiguration ----------------
# moto's CloudFormation has no model for AWS::CloudWatch::Alarm (only ::Dashboard): it
# warns and skips the resource, so no alarm exists. This model creates the alarm through
# moto's own CloudWatch backend (PutMetricAlarm), as AWS's CloudFormation does; Ref is the
# alarm's name, Arn its ARN. And moto's ECS service drops the DeploymentConfiguration of a
# template (its own CreateService ignores it too), which AWS keeps and DescribeServices
# returns: the service created or updated from a template keeps it, in the API's shape.

from moto.cloudwatch.models import cloudwatch_backends
from moto.core.common_models import CloudFormationModel
from moto.ecs import models as ecs_models


class CloudWatchAlarm(CloudFormationModel):
    # moto files every model under the service its module names (moto.<service>.models).
    __module__ = "moto.cloudwatch.models"

    def __init__(self, alarm):
        self.alarm = alarm

    @property
    def physical_resource_id(self):
        return self.alarm.name

    @staticmethod
    def cloudformation_name_type():
        return "AlarmName"

    @staticmethod
    def cloudformation_type():
        return "AWS::CloudWatch::Alarm"

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr == "Arn"

    def get_cfn_attribute(self, attribute_name):
        if attribute_name == "Arn":
            return self.alarm.alarm_arn
        from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    ):
        p = cloudformation_json["Properties"]

        def number(key, kind):
            return None if p.get(key) is None else kind(p[key])

        alarm = cloudwatch_backends[account_id][region_name].put_metric_alarm(
            name=resource_name,
            namespace=p.get("Namespace"),
            metric_name=p.get("MetricName"),
            comparison_operator=p.get("ComparisonOperator"),
            evaluation_periods=number("EvaluationPeriods", int),
            datapoints_to_alarm=number("DatapointsToAlarm", int),
            period=number("Period", int),
            threshold=number("Threshold", float),
            statistic=p.get("Statistic"),
            description=p.get("AlarmDescription"),
            dimensions=p.get("Dimensions", []),
            alarm_actions=p.get("AlarmActions", []),
            ok_actions=p.get("OKActions", []),
            insufficient_data_actions=p.get("InsufficientDataActions", []),
            unit=p.get("Unit"),
            actions_enabled=p.get("ActionsEnabled", True),
            treat_missing_data=p.get("TreatMissingData"),
        )
        return cls(alarm)

    @classmethod
    def update_from_cloudformation_json(
        cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
    ):
        cls.delete_from_cloudformation_json(
            original_resource.physical_resource_id, cloudformation_json, account_id, region_name
        )
        return cls.create_from_cloudformation_json(
            new_resource_name, cloudformation_json, account_id, region_name
        )

    @classmethod
    def delete_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name
    ):
        cloudwatch_backends[account_id][region_name].delete_alarms([resource_name])


def _api_shape(value):
    """A template's PascalCase keys as the ECS API's camelCase (MaximumPercent -> maximumPercent)."""
    if isinstance(value, dict):
        return {k[:1].lower() + k[1:]: _api_shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_api_shape(v) for v in value]
    return value


Service = ecs_models.Service
_service_create = Service.create_from_cloudformation_json.__func__
_service_update = Service.update_from_cloudformation_json.__func__


def _keep_template_properties(service, cloudformation_json):
    """What moto's ECS service drops of its template, kept in the API's shape, as AWS keeps
    it: the DeploymentConfiguration (circuit breaker, alarms), the ServiceRegistries, the
    LoadBalancers (target groups), the NetworkConfiguration, the health check grace
    period, the placement strategies and constraints, the capacity provider strategy and
    the launch type."""
    props = cloudformation_json["Properties"]
    config = props.get("DeploymentConfiguration")
    service.deployment_configuration = _api_shape(config) if config else None
    service.service_registries = _api_shape(props.get("ServiceRegistries") or [])
    service.load_balancers = [
        {k: int(v) if k == "containerPort" else v for k, v in lb.items()}
        for lb in _api_shape(props.get("LoadBalancers") or [])
    ]
    network = props.get("NetworkConfiguration")
    if network:
        service.network_configuration = _api_shape(network)
    grace = props.get("HealthCheckGracePeriodSeconds")
    if grace is not None:
        service.health_check_grace_period_seconds = int(grace)
    # EC2 capacity (see the section on capacity providers below).
    service.placement_strategy = _api_shape(props.get("PlacementStrategies") or [])
    service.placement_constraints = _api_shape(props.get("PlacementConstraints") or [])
    service.capacity_provider_strategy = [
        {k: int(v) if k in ("base", "weight") else v for k, v in item.items()}
        for item in _api_shape(props.get("CapacityProviderStrategy") or [])
    ]
    service.launch_type = props.get("LaunchType")
    return service


def service_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    service = _service_create(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    )
    return _keep_template_properties(service, cloudformation_json)


def service_update(
    cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
):
    service = _service_update(
        cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
    )
    return _keep_template_properties(service, cloudformation_json)


Service.create_from_cloudformation_json = classmethod(service_create)
Service.update_from_cloudformation_json = classmethod(service_update)


class PrivateDnsNamespace(CloudFormationModel):
    """AWS::ServiceDiscovery::PrivateDnsNamespace: Ref is the namespace id; GetAtt Id, Arn,
    HostedZoneId."""

    # moto files every model under the service its module names.
    __module__ = "moto.servicediscovery.cloudformation"

    def __init__(self, backend, namespace):
        self.backend = backend
        self.namespace = namespace

    @staticmethod
    def cloudformation_name_type():
        return "Name"

    @staticmethod
    def cloudformation_type():
        return "AWS::ServiceDiscovery::PrivateDnsNamespace"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = cloudformation_json["Properties"]
        backend = servicediscovery_backends[account_id][region_name]
        operation = backend.create_private_dns_namespace(
            name=resource_name,
            creator_request_id=kwargs.get("LogicalId", ""),
            description=props.get("Description"),
            vpc=props["Vpc"],
            tags=props.get("Tags"),
            properties=props.get("Properties"),
        )
        namespace_id = backend.get_operation(operation).targets["NAMESPACE"]
        return cls(backend, backend.get_namespace(namespace_id))

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        original_resource.namespace.description = cloudformation_json["Properties"].get("Description")
        return original_resource

    @property
    def physical_resource_id(self):
        return self.namespace.id

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr in ["Id", "Arn", "HostedZoneId"]

    def get_cfn_attribute(self, attribute_name):
        if attribute_name == "Id":
            return self.namespace.id
        if attribute_name == "Arn":
            return self.namespace.arn
        if attribute_name == "HostedZoneId":
            return self.namespace.dns_properties["HostedZoneId"]
        raise UnformattedGetAttTemplateException()

    def delete(self, account_id, region_name):
        self.backend.delete_namespace(self.namespace.id)


class DiscoveryService(CloudFormationModel):
    """AWS::ServiceDiscovery::Service: Ref is the service id; GetAtt Id, Arn, Name."""

    __module__ = "moto.servicediscovery.cloudformation"

    def __init__(self, backend, service):
        self.backend = backend
        self.service = service

    @staticmethod
    def cloudformation_name_type():
        return "Name"

    @staticmethod
    def cloudformation_type():
        return "AWS::ServiceDiscovery::Service"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = cloudformation_json["Properties"]
        backend = servicediscovery_backends[account_id][region_name]
        dns_config = props.get("DnsConfig")
        namespace_id = props.get("NamespaceId") or (dns_config or {}).get("NamespaceId")
        service = backend.create_service(
            name=resource_name,
            namespace_id=namespace_id,
            creator_request_id=kwargs.get("LogicalId", ""),
            description=props.get("Description"),
            dns_config=dns_config,
            health_check_config=props.get("HealthCheckConfig"),
            health_check_custom_config=props.get("HealthCheckCustomConfig"),
            tags=props.get("Tags"),
            service_type=props.get("Type"),
        )
        return cls(backend, service)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        original_resource.service.update(cloudformation_json["Properties"])
        return original_resource

    @property
    def physical_resource_id(self):
        return self.service.id

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr in ["Id", "Arn", "Name"]

    def get_cfn_attribute(self, attribute_name):
        if attribute_name == "Id":
            return self.service.id
        if attribute_name == "Arn":
            return self.service.arn
        if attribute_name == "Name":
            return self.service.name
        raise UnformattedGetAttTemplateException()

    def delete(self, account_id, region_name):
        self.backend.delete_service(self.service.id)


def create_hosted_zone(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    # A zone with `VPCs` is private and associated with them, as in AWS.
    vpcs = cloudformation_json["Properties"].get("VPCs") or []
    backend = route53_models.route53_backends[account_id][route53_models.get_partition(region_name)]
    zone = backend.create_hosted_zone(resource_name, private_zone=bool(vpcs))
    for vpc in vpcs:
        zone.add_vpc(vpc.get("VPCId"), vpc.get("VPCRegion"))
    return zone


route53_models.FakeZone.create_from_cloudformation_json = classmethod(create_hosted_zone)


# --- Nested stacks (AWS::CloudFormation::Stack) -------------------------------------------
# moto creates a nested stack, but a parent's `Fn::GetAtt [Stack, Outputs.X]` fails (HTTP
# 500) and `!GetAtt Stack.Outputs.X` is read as the attribute `Outputs`; `Ref` gives the
# stack's name, where AWS gives its ID; the stack has neither ParentId, RootId nor its
# parent's tags; and any change to the resource deletes the nested stack and creates
# another (a new StackId, new resources). Here a nested stack is created, updated in place
# (or left alone when its template and parameters did not change; its exports registered
# again, which moto's Stack.update does not do) and deleted through moto's own backend, as
# AWS's CloudFormation does.

import functools
import json
import re

import yaml
from moto.cloudformation import parsing
from moto.cloudformation import responses as cfn_responses
from moto.cloudformation import utils as cfn_utils
from moto.cloudformation.exceptions import ValidationError
from moto.cloudformation.responses import CloudFormationResponse
from moto.cloudformation.utils import get_stack_from_s3_url
from moto.s3.exceptions import S3ClientError
from moto.utilities.utils import get_partition

Stack = models.Stack
_clean_json = parsing.clean_json


def _attribute_pair(get_att):
    """`Fn::GetAtt` as [logical id, attribute]: AWS reads `!GetAtt A.Outputs.X` and
    `${A.Outputs.X}` as A's attribute `Outputs.X` (a logical id has no dots)."""
    if isinstance(get_att, str):
        return get_att.split(".", 1)
    if isinstance(get_att, list) and len(get_att) > 2 and all(isinstance(p, str) for p in get_att):
        return [get_att[0], ".".join(get_att[1:])]
    return get_att


# A `Fn::Sub` variable: `${Name}` or `${Name.Attribute}`, not the literal `${!Text}`.
_SUB_VARIABLE = re.compile(r"\$\{\s*([^!}\s][^}]*?)\s*\}")


def _sub_trimmed(sub):
    """`Fn::Sub` with `${ Table.Arn}` read as `${Table.Arn}`: AWS ignores the spaces inside the
    braces (Copilot's addon templates have them); moto looks up a resource named " Table"."""
    if isinstance(sub, str):
        return _SUB_VARIABLE.sub(r"${\1}", sub)
    if isinstance(sub, list) and sub and isinstance(sub[0], str):
        return [_sub_trimmed(sub[0]), *sub[1:]]
    return sub


def clean_json(resource_json, resources_map):
    if isinstance(resource_json, dict) and "Fn::GetAtt" in resource_json:
        pair = _attribute_pair(resource_json["Fn::GetAtt"])
        resource_json = {**resource_json, "Fn::GetAtt": pair}
    if isinstance(resource_json, dict) and "Fn::Sub" in resource_json:
        resource_json = {**resource_json, "Fn::Sub": _sub_trimmed(resource_json["Fn::Sub"])}
    cleaned = _clean_json(resource_json, resources_map)
    if isinstance(resource_json, list):
        # `!If [HasAddons, !GetAtt ..., !Ref AWS::NoValue]` in a list: AWS drops the item.
        return [item for item in cleaned if item is not None]
    return cleaned


# moto's own recursion (and its outputs and exports) looks the function up in the module.
parsing.clean_json = clean_json

_yaml_tag_constructor = cfn_utils.yaml_tag_constructor


def yaml_tag_constructor(loader, tag, node):
    # `!GetAtt [A, Outputs.X]`: moto keeps the YAML nodes of the list, not their values.
    if tag == "!GetAtt" and isinstance(node, yaml.SequenceNode):
        return {"Fn::GetAtt": loader.construct_sequence(node, deep=True)}
    return _yaml_tag_constructor(loader, tag, node)


# Each module registers the constructor it imported before every parse.
models.yaml_tag_constructor = yaml_tag_constructor
cfn_responses.yaml_tag_constructor = yaml_tag_constructor


def _nested_template(url, account_id, region_name):
    try:
        partition = get_partition(region_name)
        return get_stack_from_s3_url(url, account_id=account_id, partition=partition)
    except (S3ClientError, ValueError, AttributeError):  # moto: None for a missing key
        raise ValidationError(
            message="TemplateURL must reference a valid S3 object to which you have access."
        )


def _parameter_value(value):
    """A nested stack's parameter as the string AWS passes it (a list comma-joined)."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return ",".join(_parameter_value(v) for v in value)
    return str(value)


def _nested_parameters(properties):
    return {k: _parameter_value(v) for k, v in (properties.get("Parameters") or {}).items()}


def create_nested_stack(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    # resource_name is moto's `<parent>-<LogicalId>-<12 random>`, the name AWS gives it.
    backend = models.cloudformation_backends[account_id][region_name]
    parent = backend.stacks[kwargs["StackId"]]
    properties = cloudformation_json["Properties"]
    own_tags = {t["Key"]: t["Value"] for t in properties.get("Tags") or []}
    stack = backend.create_stack(
        name=resource_name,
        template=_nested_template(properties["TemplateURL"], account_id, region_name),
        parameters=_nested_parameters(properties),
        tags={**parent.tags, **own_tags},
    )
    # DescribeStacks and ListStacks return these (moto serializes the attributes by name).
    stack.parent_id = parent.stack_id
    stack.root_id = getattr(parent, "root_id", None) or parent.stack_id
    return stack


def update_nested_stack(
    cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
):
    stack = original_resource
    properties = cloudformation_json["Properties"]
    template = _nested_template(properties["TemplateURL"], account_id, region_name)
    parameters = _nested_parameters(properties)
    if stack.has_template(template) and stack.parameters == parameters:
        return stack
    stack.update(template, parameters=parameters)
    _register_exports(models.cloudformation_backends[account_id][region_name], stack)
    return stack


def nested_stack_output(self, attribute_name):
    key = attribute_name.removeprefix("Outputs.")
    output = self.output_map[key] if key in self.output_map.outputs else None
    if key == attribute_name or output is None:
        raise UnformattedGetAttTemplateException()
    return output.value


# Deleting goes through moto's own delete_from_cloudformation_json (DeleteStack by ID).
# A stack's resources leave out those not made (a false Condition): moto lists them as None,
# and DescribeStackResource(s) then fails (HTTP 500).
Stack.stack_resources = property(lambda self: [r for r in self.resource_map.values() if r])
Stack.physical_resource_id = property(lambda self: self.stack_id)
Stack.get_cfn_attribute = nested_stack_output
Stack.create_from_cloudformation_json = classmethod(create_nested_stack)
Stack.update_from_cloudformation_json = classmethod(update_nested_stack)


# AWS updates every resource whose properties resolve to new values, also when its template
# text did not change: one that takes a nested stack's output (an environment variable, a
# policy ARN) or the ARN of a replaced resource. moto updates only the resources whose text
# or `Ref`-ed parameters changed. So each resource keeps the properties it was last made
# from, resolved, and after an update of its stack those that now resolve differently are
# updated: in a nested stack (an addon) all of them; in other stacks, those that read a
# nested stack's outputs (tug's own stacks keep moto's behaviour otherwise: a service does
# not follow its task definition's replacement).

_create_resource = parsing.parse_and_create_resource
_update_resource = parsing.parse_and_update_resource
_update_resource_map = parsing.ResourceMap.update


def _reads_output(value, stack_ids):
    """Whether a template value reads an attribute of one of `stack_ids` (GetAtt or Sub)."""
    if isinstance(value, list):
        return any(_reads_output(v, stack_ids) for v in value)
    if not isinstance(value, dict):
        return False
    get_att = _attribute_pair(value.get("Fn::GetAtt"))
    if isinstance(get_att, list) and get_att and get_att[0] in stack_ids:
        return True
    sub = value.get("Fn::Sub")
    text = sub[0] if isinstance(sub, list) and sub else sub
    if isinstance(text, str):
        names = {v.split(".", 1)[0] for v in _SUB_VARIABLE.findall(text) if "." in v}
        if names & stack_ids:
            return True
    return any(_reads_output(v, stack_ids) for v in value.values())


def _followed(resources_map):
    """The logical ids whose resolved properties are followed (see above)."""
    templates = resources_map._resource_json_map
    backend = models.cloudformation_backends[resources_map._account_id][resources_map._region_name]
    stack = backend.stacks.get(resources_map.stack_id)
    if getattr(stack, "parent_id", None):
        return set(templates)
    stack_ids = {i for i, r in templates.items() if r.get("Type") == Stack.cloudformation_type()}
    return {i for i, r in templates.items() if _reads_output(r.get("Properties"), stack_ids)}


def _made_from(resources_map):
    return vars(resources_map).setdefault("made_from", {})


def _remember(resources_map, logical_id, resource_json):
    properties = resource_json.get("Properties") or {}
    _made_from(resources_map)[logical_id] = clean_json(properties, resources_map)


def create_resource(logical_id, resource_json, resources_map, account_id, region_name):
    resource = _create_resource(logical_id, resource_json, resources_map, account_id, region_name)
    if resource is not None:
        _remember(resources_map, logical_id, resource_json)
    return resource


def update_resource(logical_id, resource_json, resources_map, account_id, region_name):
    # moto updates a resource whose Condition turned false (for a nested stack: with an empty
    # TemplateURL), and fails on one whose Condition turned true. AWS deletes the first and
    # creates the second.
    condition = resource_json.get("Condition")
    made = resources_map._parsed_resources.get(logical_id)
    if condition and not resources_map.lazy_condition_map[condition]:
        if made is not None:
            resources_map._delete_resource(made, resource_json)
        resources_map._parsed_resources.pop(logical_id, None)
        _made_from(resources_map).pop(logical_id, None)
        return None
    if made is None:
        resources_map._parsed_resources.pop(logical_id, None)
        return resources_map[logical_id]
    resource = _update_resource(logical_id, resource_json, resources_map, account_id, region_name)
    _remember(resources_map, logical_id, resource_json)
    return resource


def update_resource_map(self, template, parameters=None):
    before = set(self._resource_json_map)
    _update_resource_map(self, template, parameters)
    # A resource the update removed is deleted by moto but kept in its map: it stays in
    # DescribeStackResources, and a later update that adds it again finds it there and makes
    # nothing. AWS forgets it.
    for logical_id in before - set(self._resource_json_map):
        self._parsed_resources.pop(logical_id, None)
        _made_from(self).pop(logical_id, None)
    # A resource whose template did not change but whose Condition turned (a parameter the
    # condition reads changed): moto neither adds nor removes it; AWS creates or deletes it.
    for logical_id, resource_json in self._resource_json_map.items():
        condition = resource_json.get("Condition")
        if not condition:
            continue
        made = self._parsed_resources.get(logical_id) is not None
        if self.lazy_condition_map[condition] != made:
            update_resource(logical_id, resource_json, self, self._account_id, self._region_name)
    made_from = _made_from(self)
    for logical_id in _followed(self):
        resource_json = self._resource_json_map[logical_id]
        if self._parsed_resources.get(logical_id) is None or logical_id not in made_from:
            continue  # not made (a false Condition, a type moto skips)
        if clean_json(resource_json.get("Properties") or {}, self) != made_from[logical_id]:
            self._parsed_resources[logical_id] = parsing.parse_and_update_resource(
                logical_id,
                resource_json,
                self,
                account_id=self._account_id,
                region_name=self._region_name,
            )


parsing.parse_and_create_resource = create_resource
parsing.parse_and_update_resource = update_resource
parsing.ResourceMap.update = update_resource_map


# --- Templates: size, and YAML dates -----------------------------------------------------
# AWS refuses a TemplateBody over 51,200 bytes (a larger template goes to S3 and is passed
# as TemplateURL); moto takes any size, so a test could not tell which was sent.
TEMPLATE_BODY_LIMIT = 51200


def _limit_template_body(handler):
    def checked(self):
        body = self._get_param("TemplateBody")
        if body and len(body.encode()) > TEMPLATE_BODY_LIMIT:
            raise ValidationError(
                message=f"1 validation error detected: Value '{body}' at 'templateBody' failed "
                f"to satisfy constraint: Member must have length less than or equal to "
                f"{TEMPLATE_BODY_LIMIT}"
            )
        return handler(self)

    return checked


for _action in ("create_stack", "update_stack", "create_change_set", "validate_template"):
    setattr(
        CloudFormationResponse,
        _action,
        _limit_template_body(getattr(CloudFormationResponse, _action)),
    )

# CloudFormation reads an unquoted `Version: 2012-10-17` as a string; moto's YAML loader
# makes it a date, which its AWS::IAM::ManagedPolicy then fails to serialize (HTTP 500).
yaml.Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.Loader.yaml_implicit_resolvers.items()
}


# --- IAM roles and managed policies made by CloudFormation ----------------------------------
# moto's AWS::IAM::Role ignores ManagedPolicyArns (nothing is attached), updates neither its
# Policies nor its trust policy, and cannot delete a role with a policy attached
# (DeleteConflict). Its AWS::IAM::ManagedPolicy can be neither updated nor deleted (it stays).
# Here, as on AWS: a role attaches its ManagedPolicyArns, and an update applies the template's
# policies (those it no longer names are detached or deleted); a policy update makes a new
# default version (a new name, path or description replaces the policy); a policy or a role
# is detached from everything before it is deleted. moto has the AWS managed policies only
# with MOTO_IAM_LOAD_MANAGED_POLICIES (all of them, at every start): one a role names is
# loaded when it is attached.

from moto.iam import models as iam_models
from moto.iam.aws_managed_policies import aws_managed_policies_data


def _iam(account_id, region_name):
    return iam_models.iam_backends[account_id][get_partition(region_name)]


@functools.cache
def _aws_managed_policies():
    return json.loads(aws_managed_policies_data)


def _load_aws_managed_policy(backend, arn):
    if arn in backend.managed_policies or ":iam::aws:policy/" not in arn:
        return
    name = arn.rsplit("/", 1)[-1]
    data = _aws_managed_policies().get(name)
    if data is None:
        return  # attaching it fails as on AWS: no such policy
    policy = iam_models.AWSManagedPolicy.from_data(
        name, backend.account_id, backend.region_name, data
    )
    backend.aws_managed_policies.append(policy)
    backend.managed_policies[policy.arn] = policy


def _apply_managed_policy_arns(backend, role, properties):
    wanted = properties.get("ManagedPolicyArns") or []
    for arn in getattr(role, "cfn_managed_policy_arns", []):
        if arn not in wanted and arn in role.managed_policies:
            backend.detach_role_policy(arn, role.name)
    for arn in wanted:
        if arn not in role.managed_policies:
            _load_aws_managed_policy(backend, arn)
            backend.attach_role_policy(arn, role.name)
    role.cfn_managed_policy_arns = list(wanted)


def _apply_inline_policies(role, properties):
    policies = properties.get("Policies") or []
    names = [p["PolicyName"] for p in policies]
    for name in getattr(role, "cfn_policy_names", []):
        if name not in names and name in role.policies:
            role.delete_policy(name)
    for policy in policies:
        role.put_policy(policy["PolicyName"], policy["PolicyDocument"])
    role.cfn_policy_names = names


Role = iam_models.Role
_role_create = Role.create_from_cloudformation_json.__func__
_role_update = Role.update_from_cloudformation_json.__func__
_role_delete = Role.delete_from_cloudformation_json.__func__


def role_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    role = _role_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
    properties = cloudformation_json["Properties"]
    role.cfn_policy_names = [p["PolicyName"] for p in properties.get("Policies") or []]
    _apply_managed_policy_arns(_iam(account_id, region_name), role, properties)
    return role


def role_update(
    cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
):
    role = _role_update(
        cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
    )
    properties = cloudformation_json["Properties"]
    trust = properties["AssumeRolePolicyDocument"]
    role.assume_role_policy_document = trust if isinstance(trust, str) else json.dumps(trust)
    _apply_inline_policies(role, properties)
    _apply_managed_policy_arns(_iam(account_id, region_name), role, properties)
    return role


def _detach_everywhere(backend, policy):
    for entity in [*backend.roles.values(), *backend.users.values(), *backend.groups.values()]:
        if policy.arn in entity.managed_policies:
            policy.detach_from(entity)


def role_delete(cls, resource_name, cloudformation_json, account_id, region_name):
    backend = _iam(account_id, region_name)
    for role in [r for r in backend.roles.values() if r.name == resource_name]:
        for arn in list(role.managed_policies):
            backend.detach_role_policy(arn, role.name)
    _role_delete(cls, resource_name, cloudformation_json, account_id, region_name)


Role.create_from_cloudformation_json = classmethod(role_create)
Role.update_from_cloudformation_json = classmethod(role_update)
Role.delete_from_cloudformation_json = classmethod(role_delete)

ManagedPolicy = iam_models.ManagedPolicy


def managed_policy_update(
    cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
):
    policy = original_resource
    properties = cloudformation_json["Properties"]
    if (
        properties.get("ManagedPolicyName", policy.name) != policy.name
        or (properties.get("Path") or "/") != policy.path
        or (properties.get("Description") or "") != policy.description
    ):
        replacement = cls.create_from_cloudformation_json(
            new_resource_name, cloudformation_json, account_id, region_name
        )
        cls.delete_from_cloudformation_json(
            policy.arn, cloudformation_json, account_id, region_name
        )
        return replacement
    backend = _iam(account_id, region_name)
    document = json.dumps(properties["PolicyDocument"])
    if document != next(v.document for v in policy.versions if v.is_default):
        if len(policy.versions) >= 5:  # IAM keeps five: the oldest goes, as AWS does
            oldest = next(v for v in policy.versions if not v.is_default)
            backend.delete_policy_version(policy.arn, oldest.version_id)
        backend.create_policy_version(policy.arn, document, set_as_default=True)
    return policy


def managed_policy_delete(cls, resource_name, cloudformation_json, account_id, region_name):
    backend = _iam(account_id, region_name)
    policy = backend.managed_policies.get(resource_name)
    if policy is not None:
        _detach_everywhere(backend, policy)
        backend.delete_policy(policy.arn)


ManagedPolicy.update_from_cloudformation_json = classmethod(managed_policy_update)
ManagedPolicy.delete_from_cloudformation_json = classmethod(managed_policy_delete)


# --- AWS::SecretsManager::Secret ------------------------------------------------------------
# moto's CloudFormation has no model for it (it warns and skips the resource). This one
# creates the secret through moto's Secrets Manager backend: named `<LogicalId>-<12 random>`
# unless `Name` is given, valued by SecretString or GenerateSecretString (GetRandomPassword's
# options and defaults; SecretStringTemplate + GenerateStringKey make a JSON value). Ref and
# GetAtt Id are its ARN. A changed value makes a new version; a new Name replaces it; deleting
# it skips the recovery window, as CloudFormation does.

import random
import string
import uuid

from moto.secretsmanager.models import secretsmanager_backends
from moto.secretsmanager.utils import random_password


def _flag(value, default=False):
    return default if value is None else str(value).lower() == "true"


def _secret_string(properties):
    if "SecretString" in properties:
        return properties["SecretString"]
    spec = properties.get("GenerateSecretString")
    if spec is None:
        return None
    password = random_password(
        password_length=int(spec.get("PasswordLength", 32)),
        exclude_characters=spec.get("ExcludeCharacters", ""),
        exclude_numbers=_flag(spec.get("ExcludeNumbers")),
        exclude_punctuation=_flag(spec.get("ExcludePunctuation")),
        exclude_uppercase=_flag(spec.get("ExcludeUppercase")),
        exclude_lowercase=_flag(spec.get("ExcludeLowercase")),
        include_space=_flag(spec.get("IncludeSpace")),
        require_each_included_type=_flag(spec.get("RequireEachIncludedType"), default=True),
    )
    template, key = spec.get("SecretStringTemplate"), spec.get("GenerateStringKey")
    if template and key:
        return json.dumps({**json.loads(template), key: password})
    return password


class SecretsManagerSecret(CloudFormationModel):
    # moto files every model under the service its module names.
    __module__ = "moto.secretsmanager.models"

    def __init__(self, arn, logical_id, properties):
        self.arn = arn
        self.logical_id = logical_id
        self.properties = properties

    @property
    def physical_resource_id(self):
        return self.arn

    @staticmethod
    def cloudformation_name_type():
        return "Name"

    @staticmethod
    def cloudformation_type():
        return "AWS::SecretsManager::Secret"

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr == "Id"

    def get_cfn_attribute(self, attribute_name):
        if attribute_name == "Id":
            return self.arn
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    ):
        properties = cloudformation_json["Properties"]
        logical_id = kwargs.get("LogicalId", resource_name)
        suffix = "".join(random.choices(string.ascii_letters + string.digits, k=12))
        created = secretsmanager_backends[account_id][region_name].create_secret(
            name=properties.get("Name") or f"{logical_id}-{suffix}",
            secret_string=_secret_string(properties),
            secret_binary=None,
            description=properties.get("Description"),
            tags=properties.get("Tags") or [],
            kms_key_id=properties.get("KmsKeyId"),
            client_request_token=None,
            replica_regions=[],
            force_overwrite=False,
        )
        return cls(json.loads(created)["ARN"], logical_id, properties)

    @classmethod
    def update_from_cloudformation_json(
        cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
    ):
        secret = original_resource
        properties = cloudformation_json["Properties"]
        if properties.get("Name") != secret.properties.get("Name"):
            replacement = cls.create_from_cloudformation_json(
                new_resource_name,
                cloudformation_json,
                account_id,
                region_name,
                LogicalId=secret.logical_id,
            )
            cls.delete_from_cloudformation_json(
                secret.arn, cloudformation_json, account_id, region_name
            )
            return replacement
        value_keys = ("SecretString", "GenerateSecretString")
        new_value = any(properties.get(k) != secret.properties.get(k) for k in value_keys)
        secretsmanager_backends[account_id][region_name].update_secret(
            secret.arn,
            secret_string=_secret_string(properties) if new_value else None,
            client_request_token=str(uuid.uuid4()),  # as the SDKs send it
            kms_key_id=properties.get("KmsKeyId"),
            description=properties.get("Description"),
        )
        secret.properties = properties
        return secret

    @classmethod
    def delete_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name
    ):
        secretsmanager_backends[account_id][region_name].delete_secret(
            resource_name, recovery_window_in_days=None, force_delete_without_recovery=True
        )


# --- S3: AWS::S3::BucketPolicy, and a bucket's tags on update -------------------------------
# moto's CloudFormation skips AWS::S3::BucketPolicy (with a warning): no policy is put. This
# model puts it through moto's S3 backend (a new Bucket moves it). And moto's update of an
# AWS::S3::Bucket with Tags but no BucketName fails (it reads the name from the template).

from moto.iam.access_control import IAMPolicy, PermissionResult
from moto.s3 import models as s3_models


def _s3(account_id, region_name):
    return s3_models.s3_backends[account_id][get_partition(region_name)]


class BucketPolicy(CloudFormationModel):
    __module__ = "moto.s3.models"

    def __init__(self, bucket_name):
        self.bucket_name = bucket_name

    @property
    def physical_resource_id(self):
        return self.bucket_name

    @staticmethod
    def cloudformation_name_type():
        return ""

    @staticmethod
    def cloudformation_type():
        return "AWS::S3::BucketPolicy"

    @classmethod
    def has_cfn_attr(cls, attr):
        return False

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    ):
        properties = cloudformation_json["Properties"]
        document = json.dumps(properties["PolicyDocument"]).encode()
        _s3(account_id, region_name).put_bucket_policy(properties["Bucket"], document)
        return cls(properties["Bucket"])

    @classmethod
    def update_from_cloudformation_json(
        cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
    ):
        if cloudformation_json["Properties"]["Bucket"] != original_resource.bucket_name:
            cls.delete_from_cloudformation_json(
                original_resource.bucket_name, cloudformation_json, account_id, region_name
            )
        return cls.create_from_cloudformation_json(
            new_resource_name, cloudformation_json, account_id, region_name
        )

    @classmethod
    def delete_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name
    ):
        backend = _s3(account_id, region_name)
        if resource_name in backend.buckets:
            backend.delete_bucket_policy(resource_name)


Bucket = s3_models.FakeBucket
_bucket_update = Bucket.update_from_cloudformation_json.__func__


def _over_tls(statement):
    """Whether a policy statement applies to a request made over TLS, as far as its
    `aws:SecureTransport` condition says."""
    secure = (statement.get("Condition") or {}).get("Bool", {}).get("aws:SecureTransport")
    return secure is None or str(secure).lower() == "true"


def bucket_permission(self, action, resource):
    # moto ignores a `Bool` condition and applies the statement: a TLS-only policy (tug's
    # artifacts bucket, Copilot's addon buckets: deny when `aws:SecureTransport` is false)
    # denies everything. tug reaches AWS only over TLS (plain HTTP only to this server), so
    # the policy is evaluated as for a TLS request.
    if self.policy is None:
        return PermissionResult.NEUTRAL
    policy = json.loads(self.policy)
    statements = policy.get("Statement") or []
    statements = [statements] if isinstance(statements, dict) else statements
    policy["Statement"] = [s for s in statements if _over_tls(s)]
    return IAMPolicy(json.dumps(policy)).is_action_permitted(action, resource)


def bucket_update(
    cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
):
    properties = cloudformation_json["Properties"]
    if "Tags" in properties and "BucketName" not in properties:
        # The bucket keeps its generated name: say it, for moto's tagging to find it.
        properties = {**properties, "BucketName": original_resource.name}
        cloudformation_json = {**cloudformation_json, "Properties": properties}
    return _bucket_update(
        cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
    )


Bucket.update_from_cloudformation_json = classmethod(bucket_update)
Bucket.get_permission = bucket_permission


# --- AWS::DynamoDB::Table: updates ---------------------------------------------------------
# moto cannot update a table made by CloudFormation (the stack's resource becomes None). As
# on AWS: a new TableName or KeySchema replaces the table; the rest (billing mode,
# throughput, attributes, streams, deletion protection) is updated in place.

from moto.dynamodb.models import dynamodb_backends
from moto.dynamodb.models.table import Table


def table_update(
    cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
):
    table = original_resource
    properties = cloudformation_json["Properties"]
    if (
        properties.get("TableName", table.name) != table.name
        or properties.get("KeySchema") != table.schema
    ):
        replacement = cls.create_from_cloudformation_json(
            properties.get("TableName", new_resource_name),
            cloudformation_json,
            account_id,
            region_name,
        )
        cls.delete_from_cloudformation_json(
            table.name, cloudformation_json, account_id, region_name
        )
        return replacement
    protection = properties.get("DeletionProtectionEnabled")
    return dynamodb_backends[account_id][region_name].update_table(
        name=table.name,
        attr_definitions=properties.get("AttributeDefinitions"),
        global_index=[],
        throughput=properties.get("ProvisionedThroughput"),
        billing_mode=properties.get("BillingMode", "PROVISIONED"),
        stream_spec=properties.get("StreamSpecification"),
        deletion_protection_enabled=None if protection is None else _flag(protection),
        warm_throughput=None,
    )


Table.update_from_cloudformation_json = classmethod(table_update)



# --- ECS Exec: ExecuteCommand, EnableExecuteCommand, runtime ids ----------------------------
# Added for `tug svc exec`. moto has no ExecuteCommand (it answers "not implemented"); its
# ECS service drops the template's `EnableExecuteCommand` (DescribeServices then says false);
# its RunTask ignores `enableExecuteCommand`; and it describes containers without the
# `runtimeId` AWS gives a running container (the Session Manager target names it). Here the
# service keeps the flag, RunTask records it on its tasks (DescribeTasks returns it), each
# container has a runtime id, and ExecuteCommand answers as AWS does: for a running task
# started with ECS Exec on, a session (id, stream URL, token) in the ECS API's shape;
# otherwise AWS's InvalidParameterException. No agent runs: nothing answers the session.

import secrets as _secrets

from moto.core.responses import ActionResult

from moto.ecs import responses as _ecs_responses
from moto.ecs.exceptions import InvalidParameterException as _EcsInvalidParameter

_EXEC_NOT_ENABLED = (
    "The execute command failed because execute command was not enabled when the task "
    "was run or the execute command agent isn't running. Wait and try again or run a new "
    "task with execute command enabled and try again."
)


def _exec_flag(value):
    return value is True or str(value).lower() == "true"


_exec_service_create = Service.create_from_cloudformation_json.__func__
_exec_service_update = Service.update_from_cloudformation_json.__func__


def exec_service_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    service = _exec_service_create(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    )
    service.enable_execute_command = _exec_flag(
        cloudformation_json["Properties"].get("EnableExecuteCommand", False)
    )
    return service


def exec_service_update(
    cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
):
    service = _exec_service_update(
        cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
    )
    service.enable_execute_command = _exec_flag(
        cloudformation_json["Properties"].get("EnableExecuteCommand", False)
    )
    return service


Service.create_from_cloudformation_json = classmethod(exec_service_create)
Service.update_from_cloudformation_json = classmethod(exec_service_update)
Service.enable_execute_command = False
ecs_models.Task.enable_execute_command = False

_container_init = ecs_models.Container.__init__


def container_init(self, task_def):
    _container_init(self, task_def)
    # Fargate's form: 32 hex digits, a dash, 10 digits.
    self.runtime_id = f"{_secrets.token_hex(16)}-{_secrets.randbelow(10**10):010d}"


ecs_models.Container.__init__ = container_init

_EcsResponse = _ecs_responses.EC2ContainerServiceResponse
_run_task = _EcsResponse.run_task


def run_task(self):
    before = {arn for tasks in self.ecs_backend.tasks.values() for arn in tasks}
    result = _run_task(self)
    enabled = _exec_flag(self._get_param("enableExecuteCommand", False))
    for tasks in self.ecs_backend.tasks.values():
        for arn, task in tasks.items():
            if arn not in before:
                task.enable_execute_command = enabled
    return result


def execute_command(self):
    backend = self.ecs_backend
    cluster = backend._get_cluster(self._get_param("cluster", "default"))
    wanted = self._get_param("task")
    container_name = self._get_param("container")
    if not _exec_flag(self._get_param("interactive", False)):
        raise _EcsInvalidParameter("Interactive is the only mode supported currently.")
    task = next(
        (
            t
            for arn, t in backend.tasks.get(cluster.name, {}).items()
            if wanted in (arn, arn.split("/")[-1])
        ),
        None,
    )
    if task is None:
        raise _EcsInvalidParameter("The task provided in the request was not found.")
    if task.last_status != "RUNNING" or not task.enable_execute_command:
        raise _EcsInvalidParameter(_EXEC_NOT_ENABLED)
    containers = [c for c in task.containers if container_name in (None, c.name)]
    if not containers or (container_name is None and len(task.containers) > 1):
        raise _EcsInvalidParameter(
            "The container name provided in the request was not found in the task."
        )
    container = containers[0]
    session_id = f"ecs-execute-command-{_secrets.token_hex(9)}"
    return ActionResult(
        {
            "clusterArn": cluster.arn,
            "containerArn": container.container_arn,
            "containerName": container.name,
            "interactive": True,
            "taskArn": task.task_arn,
            "session": {
                "sessionId": session_id,
                "streamUrl": (
                    f"wss://ssmmessages.{self.region}.amazonaws.com/v1/data-channel/"
                    f"{session_id}?role=publish_subscribe&cell-number=AAEAAQ"
                ),
                "tokenValue": _secrets.token_urlsafe(48),
            },
        }
    )


_EcsResponse.run_task = run_task
_EcsResponse.execute_command = execute_command

# moto registers task definitions without `registeredAt`, which ECS always reports and
# `svc rollback --list` shows as a revision's creation time: stamp each one when made.
_task_definition_init = ecs.TaskDefinition.__init__


def task_definition_init(self, *args, **kwargs):
    _task_definition_init(self, *args, **kwargs)
    self.registered_at = ecs.utcnow()


ecs.TaskDefinition.__init__ = task_definition_init
# --- Step Functions: a Scheduled Job's runs (ecs:runTask.sync) -----------------------------
# moto runs no state machine: an execution stays RUNNING forever, with a fixed made-up
# history. A tug job's state machine is one Task state, `ecs:runTask.sync`. Here, as Step
# Functions does, starting it runs that task in moto's ECS (RunTask with the state's
# parameters, startedBy "AWS Step Functions"), records TaskSubmitted with RunTask's answer
# in the history, and the execution ends when the task stops: SUCCEEDED when every
# container exited 0, else FAILED with States.TaskFailed and the stopped task as the
# cause; StopExecution (ABORTED) stops the task. Retries and TimeoutSeconds are not
# applied (one attempt). moto runs no containers, so a test stops the task itself
# (StopTask) after setting its containers' exit codes with ECS SubmitContainerStateChange,
# the container agent's call, which moto lacks and which is added below.

from datetime import datetime, timezone

from moto.ecs.responses import EC2ContainerServiceResponse
from moto.stepfunctions import models as sfn_models


# A state machine's `Definition` (an object, which CloudFormation resolves the functions in):
# moto reads only `DefinitionString`. Step Functions' CloudFormation handler writes the
# resolved object out as JSON (Jackson, keys sorted, indented) and uses that; so does this.
def _definition_string(cloudformation_json):
    properties = cloudformation_json.get("Properties", {})
    if "Definition" in properties:
        properties["DefinitionString"] = json.dumps(
            properties.pop("Definition"), sort_keys=True, indent=2)


_sfn_create_cfn = sfn_models.StateMachine.create_from_cloudformation_json.__func__
_sfn_update_cfn = sfn_models.StateMachine.update_from_cloudformation_json.__func__


def sfn_create_from_cfn(cls, resource_name, cloudformation_json, *args, **kwargs):
    _definition_string(cloudformation_json)
    return _sfn_create_cfn(cls, resource_name, cloudformation_json, *args, **kwargs)


def sfn_update_from_cfn(cls, original_resource, new_resource_name, cloudformation_json,
                        *args, **kwargs):
    _definition_string(cloudformation_json)
    return _sfn_update_cfn(cls, original_resource, new_resource_name, cloudformation_json,
                           *args, **kwargs)


sfn_models.StateMachine.create_from_cloudformation_json = classmethod(sfn_create_from_cfn)
sfn_models.StateMachine.update_from_cloudformation_json = classmethod(sfn_update_from_cfn)

_sfn_start = sfn_models.StateMachine.start_execution
_sfn_stop = sfn_models.StateMachine.stop_execution
_sfn_describe = sfn_models.StepFunctionBackend.describe_execution
_sfn_history = sfn_models.Execution.get_execution_history
_sfn_list = sfn_models.StepFunctionBackend.list_executions


def _pascal(value):
    """ECS's answer as Step Functions records it: keys in PascalCase."""
    if isinstance(value, dict):
        return {k[:1].upper() + k[1:]: _pascal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_pascal(v) for v in value]
    return value


def _camel(value):
    """Step Functions' PascalCase parameters as the ECS API takes them."""
    if isinstance(value, dict):
        return {k[:1].lower() + k[1:]: _camel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_camel(v) for v in value]
    return value


def _task_json(task):
    return {
        "TaskArn": task.task_arn,
        "ClusterArn": task.cluster_arn,
        "TaskDefinitionArn": task.task_definition_arn,
        "LastStatus": task.last_status,
        "StartedBy": task.started_by,
        "StoppedReason": task.stopped_reason,
        "Containers": [
            {"Name": c.name, "ExitCode": c.exitCode, "LastStatus": c.last_status}
            for c in task.containers
        ],
    }


def _event(execution, kind, details_key=None, details=None):
    events = execution.tug_events
    event = {
        "timestamp": datetime.now(timezone.utc),
        "type": kind,
        "id": len(events) + 1,
        "previousEventId": len(events),
    }
    if details_key:
        event[details_key] = details
    events.append(event)


def _end(execution, status, error=None, cause=None, output=None):
    execution.status = status
    execution.stop_date = datetime.now(timezone.utc)
    execution.error = error
    execution.cause = cause
    execution.output = output


def _run_task_state(definition):
    try:
        states = json.loads(definition).get("States", {})
    except (TypeError, ValueError):
        return None
    for state in states.values():
        if str(state.get("Resource", "")).endswith(":states:::ecs:runTask.sync"):
            return state
    return None


def sfn_start_execution(self, region_name, account_id, execution_name, execution_input):
    execution = _sfn_start(self, region_name, account_id, execution_name, execution_input)
    state = _run_task_state(self.definition)
    if state is None or hasattr(execution, "tug_events"):
        return execution
    execution.tug_events = []
    execution.tug_task = None
    _event(execution, "ExecutionStarted", "executionStartedEventDetails",
           {"input": execution_input, "roleArn": self.roleArn})
    _event(execution, "TaskStateEntered", "stateEnteredEventDetails",
           {"name": "Run", "input": execution_input})
    p = state.get("Parameters", {})
    backend = ecs_models.ecs_backends[account_id][region_name]
    try:
        tasks = backend.run_task(
            cluster_str=p.get("Cluster", "default"),
            task_definition_str=p["TaskDefinition"],
            count=1,
            overrides=_camel(p.get("Overrides")),
            started_by="AWS Step Functions",
            tags=None,
            launch_type=p.get("LaunchType"),
            networking_configuration=_camel(p.get("NetworkConfiguration")),
            platform_version=p.get("PlatformVersion"),
        )
    except Exception as e:  # what RunTask refused fails the state, as on AWS
        _event(execution, "TaskSubmitFailed", "taskSubmitFailedEventDetails",
               {"resourceType": "ecs", "resource": "runTask.sync",
                "error": "ECS.AmazonECSException", "cause": str(e)})
        _event(execution, "ExecutionFailed", "executionFailedEventDetails",
               {"error": "ECS.AmazonECSException", "cause": str(e)})
        _end(execution, "FAILED", "ECS.AmazonECSException", str(e))
        return execution
    execution.tug_task = (tasks[0].cluster_name, tasks[0].task_arn)
    answer = {"Tasks": [_task_json(t) for t in tasks], "Failures": []}
    _event(execution, "TaskSubmitted", "taskSubmittedEventDetails",
           {"resourceType": "ecs", "resource": "runTask.sync", "output": json.dumps(answer)})
    return execution


def _settle(execution, account_id, region_name):
    """Ends a running execution whose task has stopped, as runTask.sync does."""
    if execution.status != "RUNNING" or not getattr(execution, "tug_task", None):
        return
    cluster, task_arn = execution.tug_task
    tasks = ecs_models.ecs_backends[account_id][region_name].tasks.get(cluster, {})
    task = tasks.get(task_arn)
    if task is None or task.last_status != "STOPPED":
        return
    described = json.dumps(_task_json(task))
    if all(c.exitCode == 0 for c in task.containers):
        _event(execution, "TaskSucceeded", "taskSucceededEventDetails",
               {"resourceType": "ecs", "resource": "runTask.sync", "output": described})
        _event(execution, "ExecutionSucceeded", "executionSucceededEventDetails",
               {"output": described})
        _end(execution, "SUCCEEDED", output=described)
    else:
        _event(execution, "TaskFailed", "taskFailedEventDetails",
               {"resourceType": "ecs", "resource": "runTask.sync",
                "error": "States.TaskFailed", "cause": described})
        _event(execution, "ExecutionFailed", "executionFailedEventDetails",
               {"error": "States.TaskFailed", "cause": described})
        _end(execution, "FAILED", "States.TaskFailed", described)


def sfn_stop_execution(self, execution_arn):
    execution = _sfn_stop(self, execution_arn)
    if getattr(execution, "tug_task", None):
        cluster, task_arn = execution.tug_task
        backend = ecs_models.ecs_backends[execution.account_id][execution.region_name]
        try:
            backend.stop_task(cluster, task_arn, "Execution stopped by Step Functions")
        except Exception:
            pass
        _event(execution, "ExecutionAborted", "executionAbortedEventDetails", {})
    return execution


def sfn_describe_execution(self, execution_arn):
    execution = _sfn_describe(self, execution_arn)
    _settle(execution, self.account_id, self.region_name)
    return execution


def sfn_history(self, roleArn):
    if not hasattr(self, "tug_events"):
        return _sfn_history(self, roleArn)
    _settle(self, self.account_id, self.region_name)
    return self.tug_events


def sfn_list_executions(self, state_machine_arn, *args, **kwargs):
    for execution in self.describe_state_machine(state_machine_arn).executions:
        _settle(execution, self.account_id, self.region_name)
    return _sfn_list(self, state_machine_arn, *args, **kwargs)


def submit_container_state_change(self):
    """ECS SubmitContainerStateChange: a container's status and exit code, as the agent
    reports them."""
    cluster = self._get_param("cluster", "default")
    task_id = self._get_param("task", "").split("/")[-1]
    name = self._get_param("containerName")
    backend = self.ecs_backend
    cluster_name = backend._get_cluster(cluster).name
    for arn, task in backend.tasks.get(cluster_name, {}).items():
        if arn.endswith(task_id):
            for c in task.containers:
                if c.name == name:
                    if self._get_param("exitCode") is not None:
                        c.exitCode = int(self._get_param("exitCode"))
                    if self._get_param("status"):
                        c.last_status = self._get_param("status")
            return json.dumps({"acknowledgment": "ACK"})
    return json.dumps({"acknowledgment": "ACK"})


# RunTask of a Fargate task definition: moto sums its containers' memory and fails on a
# container that names none, which Fargate allows (the memory is the task's).
_task_requirements = ecs_models.EC2ContainerServiceBackend._calculate_task_resource_requirements


def fargate_task_requirements(task_definition):
    def memory(c):
        for key in ("memory", "Memory", "memoryReservation", "MemoryReservation"):
            if c.get(key) is not None:
                return c[key]
        return 0

    defs = [
        {**{k: v for k, v in c.items() if k not in ("Memory", "MemoryReservation")},
         "memory": memory(c)}
        for c in task_definition.container_definitions
    ]

    class Shim:
        container_definitions = defs

    return _task_requirements(Shim())


ecs_models.EC2ContainerServiceBackend._calculate_task_resource_requirements = staticmethod(
    fargate_task_requirements
)
sfn_models.StateMachine.start_execution = sfn_start_execution
sfn_models.StateMachine.stop_execution = sfn_stop_execution
sfn_models.StepFunctionBackend.describe_execution = sfn_describe_execution
sfn_models.StepFunctionBackend.list_executions = sfn_list_executions
sfn_models.Execution.get_execution_history = sfn_history
EC2ContainerServiceResponse.submit_container_state_change = submit_container_state_change
# --- ECS RunTask of Fargate tasks, and the agent's state changes -----------------------------
# moto's RunTask fails (HTTP 500) on a task definition whose containers have no memory of
# their own (Fargate's are sized by the task's `memory`, as `tug task run` writes them): it
# adds up the containers' memory. And it fails on every `awsvpc` task in a VPC without DNS
# host names (its network interface then has no `private_dns_name`). Here a container
# without memory counts the task's, and an interface has AWS's private DNS name,
# `ip-a-b-c-d.ec2.internal`. Both only make RunTask do what it does on AWS.
#
# moto runs no containers, so nothing reports how a task ended: its tasks move on to
# STOPPED by themselves (moto's state manager) with every container's exit code 0. On AWS
# the ECS agent reports it with SubmitTaskStateChange (the task's status and stopped
# reason, each container's status, exit code and reason), which moto lacks. It is added
# here, so a test can play the agent: a task that exited 3, or one whose container never
# started (no exit code, the agent's reason).

import copy

from moto.core.responses import ActionResult
from moto.ec2.models.elastic_network_interfaces import NetworkInterface
from moto.ec2.utils import generate_dns_from_ip
from moto.ecs import responses as ecs_responses

_task_resources = ecs_models.EC2ContainerServiceBackend._calculate_task_resource_requirements


def task_resources(task_definition):
    containers = task_definition.container_definitions
    unsized = [c for c in containers if c.get("memory") is None and c.get("Memory") is None
               and c.get("memoryReservation") is None and c.get("MemoryReservation") is None]
    if not unsized or not task_definition.memory:
        return _task_resources(task_definition)
    share = int(task_definition.memory) // len(unsized)
    sized = copy.copy(task_definition)
    sized.container_definitions = [
        {**c, "memory": share} if c in unsized else c for c in containers
    ]
    return _task_resources(sized)


ecs_models.EC2ContainerServiceBackend._calculate_task_resource_requirements = staticmethod(
    task_resources
)


def _eni_dns_name(self):
    return self.__dict__.get("_private_dns_name") or generate_dns_from_ip(self.private_ip_address)


def _set_eni_dns_name(self, value):
    self.__dict__["_private_dns_name"] = value


NetworkInterface.private_dns_name = property(_eni_dns_name, _set_eni_dns_name)


def submit_task_state_change(self):
    backend = self.ecs_backend
    cluster = backend._get_cluster(self._get_param("cluster", "default"))
    task_id = self._get_param("task").split("/")[-1]
    tasks = backend.tasks.get(cluster.name, {})
    task = next((t for arn, t in tasks.items() if arn.endswith(task_id)), None)
    if task is None:
        raise ecs_models.InvalidParameterException(f"task {task_id} not found")
    status = self._get_param("status")
    if status:
        task.last_status = status
        if status == "STOPPED":
            task.desired_status = "STOPPED"
    reason = self._get_param("reason")
    if reason:
        task.stopped_reason = reason
    for change in self._get_param("containers") or []:
        for container in task.containers:
            if container.name != change.get("containerName"):
                continue
            if change.get("status"):
                container.last_status = change["status"]
            # A container that never ran has no exit code, as on AWS.
            container.exitCode = change.get("exitCode")
            if change.get("reason"):
                container.reason = change["reason"]
    return ActionResult({"acknowledgment": "ACK"})


ecs_responses.EC2ContainerServiceResponse.submit_task_state_change = submit_task_state_change



# --- AWS::ECS::TaskDefinition: the whole task definition ------------------------------------
# moto's CloudFormation registers a task definition from its Family, ContainerDefinitions,
# Volumes and Memory only: Cpu, NetworkMode, RequiresCompatibilities, ExecutionRoleArn,
# TaskRoleArn, RuntimePlatform and Tags are dropped, so a Fargate task definition comes out
# in `bridge` mode without roles (and RunTask gives its tasks no network interface). Here the
# registered revision keeps them, under the ECS API's names, as on AWS.

_td_create = ecs.TaskDefinition.create_from_cloudformation_json.__func__


def create_whole_task_definition(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    td = _td_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
    p = cloudformation_json.get("Properties", {})
    if p.get("Cpu") is not None:
        td.cpu = str(p["Cpu"])
    if p.get("Memory") is not None:
        td.memory = str(p["Memory"])
    required = p.get("RequiresCompatibilities")
    if required:
        td.requires_compatibilities = required
        td.compatibilities = ["EC2"] if required == ["EC2"] else ["EC2", "FARGATE"]
    if p.get("NetworkMode"):
        td.network_mode = p["NetworkMode"]
    elif required and "FARGATE" in required:
        td.network_mode = "awsvpc"
    if p.get("ExecutionRoleArn"):
        td.execution_role_arn = p["ExecutionRoleArn"]
    if p.get("TaskRoleArn"):
        td.task_role_arn = p["TaskRoleArn"]
    platform = p.get("RuntimePlatform")
    if platform:
        td.runtime_platform = {
            k: v
            for k, v in (
                ("operatingSystemFamily", platform.get("OperatingSystemFamily")),
                ("cpuArchitecture", platform.get("CpuArchitecture")),
            )
            if v
        }
    if p.get("Tags"):
        td.tags = [{"key": t["Key"], "value": t["Value"]} for t in p["Tags"]]
    return td


ecs.TaskDefinition.create_from_cloudformation_json = classmethod(create_whole_task_definition)

# And deleting the stack (or the resource) leaves moto's revision ACTIVE; AWS deregisters it.


def delete_task_definition(cls, resource_name, cloudformation_json, account_id, region_name):
    backend = ecs.ecs_backends[account_id][region_name]
    try:
        backend.deregister_task_definition(resource_name)
    except Exception:
        pass  # already deregistered (replaced by an update)


ecs.TaskDefinition.delete_from_cloudformation_json = classmethod(delete_task_definition)


# --- Certificates, listener certificates, exports in use ----------------------------------
# moto's CloudFormation has no model for AWS::CertificateManager::Certificate or
# AWS::ElasticLoadBalancingV2::ListenerCertificate (it warns and skips both), has no
# ListImports, and lets a stack change or remove an export that another stack imports.
# Here, as on AWS: a certificate is requested through moto's ACM, with the DNS validation
# records of its `DomainValidationOptions` created in their hosted zones (ISSUED once each
# name has its record; Ref is its ARN, and a change of names replaces it); a listener
# certificate is added to (and removed from) its listener; ListImports names the stacks
# that import an export (ValidationError when none does); and an update that changes the
# value of, or removes, an export another stack imports fails and rolls back (the exports,
# the template and the stack's status; moto cannot undo the resources it already changed).

import json as _json
import re as _re

from moto.acm.models import acm_backends
from moto.cloudformation.exceptions import ValidationError as _CfnValidationError
from moto.cloudformation.responses import CloudFormationResponse
from moto.core.responses import ActionResult
from moto.elbv2.models import elbv2_backends


class AcmCertificate(CloudFormationModel):
    __module__ = "moto.acm.models"

    def __init__(self, arn):
        self.arn = arn

    @property
    def physical_resource_id(self):
        return self.arn

    @staticmethod
    def cloudformation_name_type():
        return None

    @staticmethod
    def cloudformation_type():
        return "AWS::CertificateManager::Certificate"

    @classmethod
    def has_cfn_attr(cls, attr):
        return False

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    ):
        p = cloudformation_json["Properties"]
        acm = acm_backends[account_id][region_name]
        arn = acm.request_certificate(
            domain_name=p["DomainName"],
            idempotency_token=None,
            subject_alt_names=p.get("SubjectAlternativeNames") or [],
            tags=p.get("Tags") or [],
        )
        cert = acm.get_certificate(arn)
        route53 = route53_models.route53_backends[account_id][route53_models.get_partition(region_name)]
        records = {
            o["DomainName"]: o["ResourceRecord"]
            for o in cert.describe()["Certificate"].get("DomainValidationOptions", [])
        }
        validated = set()
        for option in p.get("DomainValidationOptions") or []:
            zone_id = option.get("HostedZoneId")
            record = records.get(option["DomainName"])
            if not zone_id or record is None:
                continue
            zone = route53.get_hosted_zone(zone_id)
            if not any(r.name.rstrip(".") == record["Name"].rstrip(".") for r in zone.rrsets):
                zone.add_rrset(
                    {
                        "Name": record["Name"],
                        "Type": "CNAME",
                        "TTL": 300,
                        "ResourceRecords": [record["Value"]],
                    }
                )
            validated.add(record["Name"])
        if validated and all(r["Name"] in validated for r in records.values()):
            cert.status = "ISSUED"
        return cls(arn)

    @classmethod
    def update_from_cloudformation_json(
        cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
    ):
        # Every property of a certificate requires replacement: a new one, then the old goes.
        new = cls.create_from_cloudformation_json(
            new_resource_name, cloudformation_json, account_id, region_name
        )
        cls.delete_from_cloudformation_json(
            original_resource.physical_resource_id, cloudformation_json, account_id, region_name
        )
        return new

    @classmethod
    def delete_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name
    ):
        try:
            acm_backends[account_id][region_name].delete_certificate(resource_name)
        except Exception:
            pass  # already gone

    def delete(self, account_id, region_name):
        self.delete_from_cloudformation_json(self.arn, None, account_id, region_name)


class ListenerCertificate(CloudFormationModel):
    __module__ = "moto.elbv2.models"

    def __init__(self, listener_arn, certificates):
        self.listener_arn = listener_arn
        self.certificates = certificates

    @property
    def physical_resource_id(self):
        return self.listener_arn

    @staticmethod
    def cloudformation_name_type():
        return None

    @staticmethod
    def cloudformation_type():
        return "AWS::ElasticLoadBalancingV2::ListenerCertificate"

    @classmethod
    def has_cfn_attr(cls, attr):
        return False

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    ):
        p = cloudformation_json["Properties"]
        certificates = [{"CertificateArn": c["CertificateArn"]} for c in p["Certificates"]]
        elbv2_backends[account_id][region_name].add_listener_certificates(
            p["ListenerArn"], certificates
        )
        return cls(p["ListenerArn"], certificates)

    @classmethod
    def update_from_cloudformation_json(
        cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
    ):
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(
            new_resource_name, cloudformation_json, account_id, region_name
        )

    def delete(self, account_id, region_name):
        try:
            elbv2_backends[account_id][region_name].remove_listener_certificates(
                self.listener_arn, self.certificates
            )
        except Exception:
            pass  # the listener is gone


_IMPORT = _re.compile(r'(?:!ImportValue\s+|Fn::ImportValue"?\s*:\s*)"?([A-Za-z0-9:._-]+)"?')


def _importers(backend, export_name, except_stack_id=None):
    """The live stacks whose template imports `export_name`."""
    out = []
    for st in backend.stacks.values():
        if st.stack_id == except_stack_id or st.status in ("DELETE_COMPLETE", "REVIEW_IN_PROGRESS"):
            continue
        text = st.template if isinstance(st.template, str) else _json.dumps(st.template)
        if export_name in _IMPORT.findall(text or ""):
            out.append(st.name)
    return sorted(out)


def list_imports(self):
    name = self._get_param("ExportName")
    backend = self.cloudformation_backend
    if name not in backend.exports:
        raise _CfnValidationError(message=f"Export '{name}' does not exist.")
    users = _importers(backend, name)
    if not users:
        raise _CfnValidationError(message=f"Export '{name}' is not imported by any stack.")
    return ActionResult({"Imports": users})


CloudFormationResponse.list_imports = list_imports

_execute_unlocked = Backend.execute_change_set


def execute_change_set_locked(self, change_set_name, stack_name=None):
    change_set = _find(self, change_set_name)
    stack = self.stacks.get(change_set.stack_id) if change_set else None
    if stack is None or change_set.change_set_type == "CREATE":
        return _execute_unlocked(self, change_set_name, stack_name)
    before = {n: e for n, e in self.exports.items() if e.exporting_stack_id == stack.stack_id}
    old_template = stack.template
    _execute_unlocked(self, change_set_name, stack_name)
    after = {e.name: e.value for e in stack.exports}
    for name, old in before.items():
        if name in after and after[name] == old.value:
            continue
        users = _importers(self, name, stack.stack_id)
        if not users:
            continue
        if name in after:
            reason = f"Cannot update export {name} as it is in use by {', '.join(users)}"
        else:
            reason = f"Export {name} cannot be deleted as it is in use by {', '.join(users)}"
        for n in [n for n, e in self.exports.items() if e.exporting_stack_id == stack.stack_id]:
            del self.exports[n]
        self.exports.update(before)
        stack.template = old_template
        stack._parse_template()
        stack.output_map = stack._create_output_map()
        stack._add_stack_event("UPDATE_ROLLBACK_IN_PROGRESS", resource_status_reason=reason)
        stack._add_stack_event("UPDATE_ROLLBACK_COMPLETE")
        stack.status = "UPDATE_ROLLBACK_COMPLETE"
        return


Backend.execute_change_set = execute_change_set_locked


# A listener rule whose `ListenerArn` changes is replaced, as on AWS (a service moving its
# rule from the HTTP to the HTTPS listener); moto modifies the old rule's conditions and
# actions in place and leaves it on the old listener.
from moto.elbv2 import models as _elbv2_models

_rule_update = _elbv2_models.FakeListenerRule.update_from_cloudformation_json.__func__


def update_listener_rule(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
    listener = cloudformation_json["Properties"].get("ListenerArn")
    if listener and listener != original_resource.listener_arn:
        elbv2_backends[account_id][region_name].delete_rule(original_resource.arn)
        return cls.create_from_cloudformation_json(
            new_resource_name, cloudformation_json, account_id, region_name
        )
    return _rule_update(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name)


_elbv2_models.FakeListenerRule.update_from_cloudformation_json = classmethod(update_listener_rule)


# --- Listener rules: integer priorities, unique per listener; condition quotas ---------------
# On AWS a rule's Priority is an integer, unique on its listener (CreateRule and
# SetRulePriorities answer PriorityInUse), a CloudFormation update of `Priority` moves the
# rule (SetRulePriorities), and a rule holds at most 3 values per condition, 5 condition
# values in all and 5 wildcards ("A rule can only have '5' condition values"). moto keeps a
# priority from a template as the string it resolved (a parameter's value), so "7" and 7
# differ and two stacks' rules can share a priority; its CloudFormation update ignores a new
# Priority; and it enforces none of the quotas.

from moto.elbv2 import models as elbv2_models
from moto.elbv2.exceptions import ValidationError as ElbValidationError

_CONDITION_CONFIGS = (
    "HostHeaderConfig",
    "PathPatternConfig",
    "SourceIpConfig",
    "HttpRequestMethodConfig",
    "HttpHeaderConfig",
    "QueryStringConfig",
)


def _condition_values(condition):
    for key in _CONDITION_CONFIGS:
        if key in condition:
            return list((condition[key] or {}).get("Values") or [])
    return list(condition.get("Values") or [])


def _check_condition_quotas(conditions):
    total = 0
    wildcards = 0
    for condition in conditions or []:
        values = _condition_values(condition)
        if len(values) > 3:
            raise ElbValidationError("A condition can only have '3' values")
        total += len(values)
        if condition.get("Field") != "source-ip":
            for v in values:
                text = v if isinstance(v, str) else json.dumps(v)
                wildcards += text.count("*") + text.count("?")
    if total > 5:
        raise ElbValidationError("A rule can only have '5' condition values")
    if wildcards > 5:
        raise ElbValidationError("A rule can only have '5' wildcards")


_create_rule = elbv2_models.ELBv2Backend.create_rule


def create_rule(self, listener_arn, conditions, priority, actions, tags=None):
    _check_condition_quotas(conditions)
    return _create_rule(self, listener_arn, conditions, int(priority), actions, tags)


elbv2_models.ELBv2Backend.create_rule = create_rule

_set_rule_priorities = elbv2_models.ELBv2Backend.set_rule_priorities


def set_rule_priorities(self, rule_priorities):
    given = [dict(r, Priority=int(r["Priority"])) for r in rule_priorities]
    # A rule may be set to the priority it has.
    moving = []
    for r in given:
        rules = self.describe_rules(listener_arn=None, rule_arns=[r["RuleArn"]])
        if not (rules and rules[0].priority == r["Priority"]):
            moving.append(r)
    return _set_rule_priorities(self, moving) if moving else []


elbv2_models.ELBv2Backend.set_rule_priorities = set_rule_priorities

_update_listener_rule = elbv2_models.FakeListenerRule.update_from_cloudformation_json.__func__


def update_listener_rule(
    cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
):
    properties = cloudformation_json["Properties"]
    _check_condition_quotas(properties.get("Conditions"))
    rule = _update_listener_rule(
        cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
    )
    priority = properties.get("Priority")
    if priority is not None:
        backend = elbv2_models.elbv2_backends[account_id][region_name]
        # (`rule`: a rule moved to another listener is a new rule.)
        backend.set_rule_priorities([{"RuleArn": rule.arn, "Priority": priority}])
    return rule


elbv2_models.FakeListenerRule.update_from_cloudformation_json = classmethod(update_listener_rule)

# And moto never deletes a rule a stack made (deleting the stack, or the resource, leaves it
# on the listener, holding its priority); AWS deletes it.


def delete_listener_rule(self, account_id, region_name):
    elbv2_models.elbv2_backends[account_id][region_name].delete_rule(self.arn)


elbv2_models.FakeListenerRule.delete = delete_listener_rule
# --- Load balancers and target groups (AWS::ElasticLoadBalancingV2::*) ---------------------
# moto's CloudFormation creates every AWS::ElasticLoadBalancingV2::LoadBalancer as an
# application load balancer (it drops `Type`, so a network load balancer's TCP, UDP and TLS
# listeners are refused), and creates target groups without their `TargetGroupAttributes`
# (deregistration delay, stickiness). Here the load balancer has its type and the target
# group its attributes (checked by moto's ModifyTargetGroupAttributes, as by AWS).

from moto.elbv2 import models as elbv2

_tg_create = elbv2.FakeTargetGroup.create_from_cloudformation_json.__func__


def create_load_balancer_of_type(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    p = cloudformation_json["Properties"]
    backend = elbv2.elbv2_backends[account_id][region_name]
    return backend.create_load_balancer(
        resource_name,
        p.get("SecurityGroups") or [],
        p.get("Subnets"),
        scheme=p.get("Scheme", "internet-facing"),
        loadbalancer_type=p.get("Type", "application"),
    )


def create_target_group_with_attributes(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    tg = _tg_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
    attributes = cloudformation_json["Properties"].get("TargetGroupAttributes") or []
    if attributes:
        backend = elbv2.elbv2_backends[account_id][region_name]
        backend.modify_target_group_attributes(
            tg.arn, {a["Key"]: str(a["Value"]) for a in attributes}
        )
    return tg


elbv2.FakeLoadBalancer.create_from_cloudformation_json = classmethod(create_load_balancer_of_type)
elbv2.FakeTargetGroup.create_from_cloudformation_json = classmethod(create_target_group_with_attributes)


# --- EC2 capacity: capacity providers, the cluster's associations, service placement ------
# moto's CloudFormation has no model for AWS::ECS::CapacityProvider or
# AWS::ECS::ClusterCapacityProviderAssociations (it warns and skips both: no provider, and
# the cluster keeps none), and its ECS service drops the template's PlacementStrategies,
# PlacementConstraints, CapacityProviderStrategy and LaunchType (moto's own CreateService
# does not keep the first three either, and reports EC2 when no launch type is given).
# Here the provider is made through moto's ECS backend (Ref is its name, GetAtt Arn its
# ARN; the Auto Scaling group given by name is stored as its ARN, as ECS does), the
# association is PutClusterCapacityProviders (deleting it clears the cluster's providers),
# and the service keeps the four properties in the API's shape, as DescribeServices
# returns them on AWS.

from moto.autoscaling.models import autoscaling_backends


class EcsCapacityProvider(CloudFormationModel):
    __module__ = "moto.ecs.models"

    def __init__(self, provider):
        self.provider = provider

    @property
    def physical_resource_id(self):
        return self.provider.name

    @staticmethod
    def cloudformation_name_type():
        return "Name"

    @staticmethod
    def cloudformation_type():
        return "AWS::ECS::CapacityProvider"

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr == "Arn"

    def get_cfn_attribute(self, attribute_name):
        if attribute_name == "Arn":
            return self.provider.capacity_provider_arn
        from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _asg_provider(properties, account_id, region_name):
        details = _api_shape(properties.get("AutoScalingGroupProvider") or {})
        group = details.get("autoScalingGroupArn", "")
        if group and not group.startswith("arn:"):
            asg = autoscaling_backends[account_id][region_name].autoscaling_groups[group]
            details["autoScalingGroupArn"] = asg.arn
        scaling = details.get("managedScaling") or {}
        if "targetCapacity" in scaling:
            scaling["targetCapacity"] = int(scaling["targetCapacity"])
        return details

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    ):
        p = cloudformation_json["Properties"]
        provider = ecs_models.ecs_backends[account_id][region_name].create_capacity_provider(
            p.get("Name") or resource_name,
            cls._asg_provider(p, account_id, region_name),
            _api_shape(p.get("Tags") or []),
        )
        return cls(provider)

    @classmethod
    def update_from_cloudformation_json(
        cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
    ):
        p = cloudformation_json["Properties"]
        if (p.get("Name") or new_resource_name) != original_resource.provider.name:
            cls.delete_from_cloudformation_json(
                original_resource.provider.name, cloudformation_json, account_id, region_name
            )
            return cls.create_from_cloudformation_json(
                new_resource_name, cloudformation_json, account_id, region_name
            )
        original_resource.provider.update(cls._asg_provider(p, account_id, region_name))
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name
    ):
        ecs_models.ecs_backends[account_id][region_name].delete_capacity_provider(resource_name)


def _cluster_name(value):
    return value.name if isinstance(value, ecs_models.Cluster) else str(value).split("/")[-1]


def _provider_name(value):
    return value.provider.name if isinstance(value, EcsCapacityProvider) else value


class ClusterCapacityProviderAssociations(CloudFormationModel):
    __module__ = "moto.ecs.models"

    def __init__(self, cluster):
        self.cluster = cluster

    @property
    def physical_resource_id(self):
        return self.cluster

    @staticmethod
    def cloudformation_type():
        return "AWS::ECS::ClusterCapacityProviderAssociations"

    @classmethod
    def _put(cls, cloudformation_json, account_id, region_name):
        p = cloudformation_json["Properties"]
        cluster = _cluster_name(p["Cluster"])
        strategy = [
            {k: int(v) if k in ("base", "weight") else _provider_name(v) for k, v in item.items()}
            for item in _api_shape(p.get("DefaultCapacityProviderStrategy") or [])
        ]
        ecs_models.ecs_backends[account_id][region_name].put_cluster_capacity_providers(
            cluster, [_provider_name(c) for c in p.get("CapacityProviders") or []], strategy
        )
        return cls(cluster)

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    ):
        return cls._put(cloudformation_json, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(
        cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
    ):
        return cls._put(cloudformation_json, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name
    ):
        backend = ecs_models.ecs_backends[account_id][region_name]
        if resource_name in backend.clusters:
            backend.put_cluster_capacity_providers(resource_name, [], [])


# RegisterContainerInstance (what the ECS agent calls when an instance starts) takes the
# instance's `totalResources` (CPU, MEMORY, GPU, PORTS, ...) and custom `attributes`
# (ECS_INSTANCE_ATTRIBUTES); moto ignores both and registers 4096 CPU units and 7482 MiB
# with its built-in attributes only. Here both are kept, as ECS keeps them.

from moto.ecs import responses as ecs_responses

_register_container_instance = ecs_responses.EC2ContainerServiceResponse.register_container_instance


def register_container_instance(self):
    result = _register_container_instance(self)
    instance_id = json.loads(self._get_param("instanceIdentityDocument"))["instanceId"]
    cluster = self._get_param("cluster", "default").split("/")[-1]
    for instance in self.ecs_backend.container_instances.get(cluster, {}).values():
        if instance.ec2_instance_id != instance_id:
            continue
        total = self._get_param("totalResources") or []
        if total:
            instance.registered_resources = [dict(r) for r in total]
            instance.remaining_resources = [dict(r) for r in total]
        for a in self._get_param("attributes") or []:
            instance.attributes[a["name"]] = a.get("value")
    return result


ecs_responses.EC2ContainerServiceResponse.register_container_instance = register_container_instance
# --- Concurrent deploys of one stack -------------------------------------------------------
# moto makes a second stack of the same name for a second CREATE change set, executes any
# change set it still has, and answers a change set that does not exist with a ValidationError
# about a stack (or HTTP 500). As on AWS: a CREATE change set for a name a live stack has is
# refused (AlreadyExistsException), unless that stack is REVIEW_IN_PROGRESS (another CREATE
# change set not executed yet), which the change set joins; once a change set executes, the
# stack's other change sets are deleted (they describe the stack as it was); and describing
# or executing a change set that does not exist is a ChangeSetNotFoundException.

from moto.cloudformation.exceptions import CloudFormationError as _CfnError
from moto.cloudformation.exceptions import AlreadyExistsException as _AlreadyExists


class ChangeSetNotFoundException(_CfnError):
    code = "ChangeSetNotFoundException"


_create_alone = Backend.create_change_set
_execute_alone = Backend.execute_change_set
_describe_change_set = Backend.describe_change_set


def _live_stack(backend, name):
    for st in backend.stacks.values():
        if st.name == name and st.status != "DELETE_COMPLETE":
            return st
    return None


def create_change_set_once(self, *args, **kwargs):
    name = kwargs.get("stack_name")
    existing = _live_stack(self, name) if kwargs.get("change_set_type") == "CREATE" else None
    if existing is not None and existing.status != "REVIEW_IN_PROGRESS":
        raise _AlreadyExists(f"Stack [{name}] already exists")
    change_set_id, stack_id = _create_alone(self, *args, **kwargs)
    if existing is None:
        return change_set_id, stack_id
    change_set = self.change_sets[change_set_id]
    change_set.stack = existing
    change_set.stack_id = existing.stack_id
    del self.stacks[stack_id]
    return change_set_id, existing.stack_id


def describe_change_set_found(self, change_set_name):
    if _find(self, change_set_name) is None:
        raise ChangeSetNotFoundException(f"ChangeSet [{change_set_name}] does not exist")
    return _describe_change_set(self, change_set_name)


def execute_change_set_once(self, change_set_name, stack_name=None):
    change_set = _find(self, change_set_name)
    if change_set is None:
        raise ChangeSetNotFoundException(f"ChangeSet [{change_set_name}] does not exist")
    _execute_alone(self, change_set_name, stack_name)
    for cs_id in [i for i, cs in self.change_sets.items() if cs.stack_id == change_set.stack_id]:
        if self.change_sets[cs_id] is not change_set:
            del self.change_sets[cs_id]


Backend.create_change_set = create_change_set_once
Backend.describe_change_set = describe_change_set_found
Backend.execute_change_set = execute_change_set_once


# --- AWS::ECS::Service: SchedulingStrategy ------------------------------------------------
# moto's CloudFormation creates every service as REPLICA (it reads DesiredCount and nothing
# of SchedulingStrategy). AWS keeps a template's `SchedulingStrategy: DAEMON`, which
# DescribeServices returns, with no DesiredCount (a daemon's is its instances': 0 here, as
# moto runs no task on them).

_daemon_service_create = Service.create_from_cloudformation_json.__func__
_daemon_service_update = Service.update_from_cloudformation_json.__func__


def _keep_scheduling(service, cloudformation_json):
    strategy = cloudformation_json["Properties"].get("SchedulingStrategy") or "REPLICA"
    service.scheduling_strategy = strategy
    if strategy == "DAEMON" and service.desired_count is None:
        service.desired_count = 0
    return service


def daemon_service_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    service = _daemon_service_create(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    )
    return _keep_scheduling(service, cloudformation_json)


def daemon_service_update(
    cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
):
    service = _daemon_service_update(
        cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name
    )
    return _keep_scheduling(service, cloudformation_json)


Service.create_from_cloudformation_json = classmethod(daemon_service_create)
Service.update_from_cloudformation_json = classmethod(daemon_service_update)


# --- Security groups made by CloudFormation --------------------------------------------------
# moto's AWS::EC2::SecurityGroupIngress has no delete: its rule stays in the group after the
# resource leaves the stack (a Condition turned false, a removed resource); AWS revokes it.
# moto also replaces an AWS::EC2::SecurityGroup on any update (a new group, a new id), where
# AWS changes its `SecurityGroupIngress`, `SecurityGroupEgress` and `Tags` in place and
# replaces it only for a new `GroupDescription`, `GroupName` or `VpcId`: a group whose id
# another stack imports (a load balancer's, given a listener port more) would otherwise
# change an export in use. Here the rules of `SecurityGroupIngress` are updated in place
# (moto applies no `SecurityGroupEgress` on create either).
from moto.ec2.models import ec2_backends
from moto.ec2.models.security_groups import SecurityGroup, SecurityGroupIngress


def _revoke_ingress(self, account_id, region_name):
    p = self.properties
    source = {}
    if p.get("SourceSecurityGroupId"):
        source["GroupId"] = p["SourceSecurityGroupId"]
    if p.get("SourceSecurityGroupName"):
        source["GroupName"] = p["SourceSecurityGroupName"]
    ranges = [{"CidrIp": p["CidrIp"], "Description": p.get("Description")}] if p.get("CidrIp") else []
    try:
        ec2_backends[account_id][region_name].revoke_security_group_ingress(
            group_name_or_id=self.security_group.id,
            ip_protocol=p.get("IpProtocol"),
            from_port=p.get("FromPort"),
            to_port=p.get("ToPort"),
            ip_ranges=ranges,
            source_groups=[source] if source else [],
        )
    except Exception:  # the group or the rule is gone already, as AWS allows on delete
        pass


SecurityGroupIngress.delete = _revoke_ingress

_sg_create = SecurityGroup.create_from_cloudformation_json.__func__
_sg_update = SecurityGroup.update_from_cloudformation_json.__func__
_REPLACING = ("GroupDescription", "GroupName", "VpcId")


def _inline_ingress(rule):
    """The arguments of moto's authorize/revoke for one `SecurityGroupIngress` entry, as
    moto's create passes them."""
    source = {}
    if rule.get("SourceSecurityGroupId"):
        source["GroupId"] = rule["SourceSecurityGroupId"]
    if rule.get("SourceSecurityGroupName"):
        source["GroupName"] = rule["SourceSecurityGroupName"]
    return dict(
        ip_protocol=rule["IpProtocol"],
        from_port=rule["FromPort"],
        to_port=rule["ToPort"],
        ip_ranges=rule.get("CidrIp", []),
        source_groups=[source] if source else [],
    )


def sg_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    group = _sg_create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
    group.made_from = _json.loads(_json.dumps(cloudformation_json.get("Properties") or {}))
    return group


def sg_update(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
    new = cloudformation_json.get("Properties") or {}
    old = getattr(original_resource, "made_from", None)
    if old is None or any(old.get(k) != new.get(k) for k in _REPLACING):
        group = _sg_update(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name)
        group.made_from = _json.loads(_json.dumps(new))
        return group
    ec2 = ec2_backends[account_id][region_name]
    before = old.get("SecurityGroupIngress") or []
    after = new.get("SecurityGroupIngress") or []
    for rule in before:
        if rule not in after:
            try:
                ec2.revoke_security_group_ingress(
                    group_name_or_id=original_resource.id, vpc_id=original_resource.vpc_id, **_inline_ingress(rule)
                )
            except Exception:
                pass  # revoked already
    for rule in after:
        if rule not in before:
            ec2.authorize_security_group_ingress(
                group_name_or_id=original_resource.id, vpc_id=original_resource.vpc_id, **_inline_ingress(rule)
            )
    original_resource.made_from = _json.loads(_json.dumps(new))
    return original_resource


SecurityGroup.create_from_cloudformation_json = classmethod(sg_create)
SecurityGroup.update_from_cloudformation_json = classmethod(sg_update)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
