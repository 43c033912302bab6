terraform {
  required_version = ">= 1.6.0"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
  }
}

provider "azurerm" {
  features {
    key_vault {
      # Valkey passwords live in this vault: never purge it as a side effect of `terraform destroy`.
      purge_soft_delete_on_destroy = false
    }
  }
}
