/**
 * The kernel's engine settings as ConfigAdmin properties (OSGi Compendium R8 §104): the one
 * place that reads them ({@link org.danian.framework.settings.KernelSettingsReader}), checks
 * each against its allowed range, and says which ones apply only at the next start
 * ({@link org.danian.framework.settings.SettingSpec}). The kernel component, the
 * {@code danian:config} command and the Metatype descriptions all use it, so a value one of
 * them accepts the others accept too.
 */
package org.danian.framework.settings;
