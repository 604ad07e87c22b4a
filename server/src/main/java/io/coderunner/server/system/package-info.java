/**
 * What every module shares: settings of the installation, error responses as problem
 * details, request-size limits and the OpenAPI document.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.coderunner.server.system;
