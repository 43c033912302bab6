variable "name" {
  description = "Base name of the resources (resource group, cluster, identities)."
  type        = string
  default     = "stateful-suite"
}

variable "location" {
  description = "Azure region; it must offer availability zones 1, 2 and 3."
  type        = string
  default     = "westeurope"
}

variable "kubernetes_version" {
  description = "AKS Kubernetes version; null takes the region's default."
  type        = string
  default     = null
}

variable "system_vm_size" {
  description = "VM size of the system node pool (the suite's services run there)."
  type        = string
  default     = "Standard_D4ds_v5"
}

variable "valkey_vm_size" {
  description = "VM size of the valkey node pool (memory optimised)."
  type        = string
  default     = "Standard_E4ds_v5"
}

variable "valkey_node_count" {
  description = "Nodes in the valkey pool; a multiple of 3 keeps the zones even."
  type        = number
  default     = 6

  validation {
    condition     = var.valkey_node_count >= 3 && var.valkey_node_count % 3 == 0
    error_message = "valkey_node_count must be a multiple of 3 (one share per zone), at least 3."
  }
}

variable "aks_admin_group_object_ids" {
  description = "Entra ID groups whose members administer the cluster (local accounts are disabled)."
  type        = list(string)
  default     = []
}

variable "acr_name" {
  description = "Globally unique name of the container registry (alphanumeric); images are <acr_name>.azurecr.io/stateful-suite/<service>."
  type        = string
  default     = "acrstatefulsuite"
}

variable "key_vault_name" {
  description = "Globally unique name of the Key Vault holding the Valkey passwords."
  type        = string
  default     = "kv-stateful-suite"
}

variable "suite_namespace" {
  description = "Kubernetes namespace of the suite's services (deploy/kubernetes/base)."
  type        = string
  default     = "stateful-suite"
}

variable "enable_key_vault_secrets_provider" {
  description = "Also install the Secrets Store CSI driver add-on (not needed by the suite: secrets-sync mirrors Key Vault secrets itself)."
  type        = bool
  default     = false
}

variable "key_vault_secret_officers" {
  description = "Object IDs of principals (people, pipelines) that write secrets such as Valkey passwords into the vault."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags on every resource."
  type        = map(string)
  default     = {}
}
