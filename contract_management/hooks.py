app_name = "contract_management"
app_title = "Contract Management"
app_publisher = "contract_management developers"
app_description = (
	"Contract management for ERPNext: registry, approval, supplementary agreements, claims, reminders"
)
app_email = "dev@contract-management.local"
app_license = "mit"

# The "org/repo" form: Frappe v15 resolves a bare app name through GitHub's API at install time.
required_apps = ["frappe/erpnext"]

after_install = "contract_management.setup.install.after_install"
before_uninstall = "contract_management.setup.install.before_uninstall"
after_migrate = "contract_management.setup.install.after_migrate"

doc_events = {
	"Contract": {
		"before_insert": "contract_management.overrides.contract.before_insert",
		"autoname": "contract_management.overrides.contract.autoname",
		"validate": "contract_management.overrides.contract.validate",
	},
}
