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
too, and an AWS::ECS::Service keeps its `DeploymentConfiguration`. Each fix only makes moto
do what AWS does; see tests/README.md. Usage: server.py -H HOST -p PORT.
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
    it: the DeploymentConfiguration (circuit breaker, alarms) and the ServiceRegistries."""
    props = cloudformation_json["Properties"]
    config = props.get("DeploymentConfiguration")
    service.deployment_configuration = _api_shape(config) if config else None
    service.service_registries = _api_shape(props.get("ServiceRegistries") or [])
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

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
