/**
 * What every endpoint shares on the HTTP side: errors as problem details (the exceptions modules
 * throw and the handler that answers them), request-size and Origin checks, no host paths in
 * answers, the client's address, per-address rate limits and paging.
 */
@org.springframework.modulith.ApplicationModule(displayName = "HTTP", type = org.springframework.modulith.ApplicationModule.Type.OPEN,
        allowedDependencies = {"system"})
package io.coderunner.server.http;
