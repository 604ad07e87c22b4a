/**
 * AI assistance (seed 004's AI配置与代码生成, seed 000's code generation, seed 002's assistant):
 * users' provider configurations with their API keys encrypted at rest, code generation and help
 * with errors through a chain of providers (the user's own, then the installation's), streamed as
 * Server-Sent Events on request, counted per user and configuration and limited per tier. What a
 * provider answers is text for the user; the server never runs it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "AI assistance", allowedDependencies = {"accounts", "http", "security", "system"})
package io.coderunner.server.ai;
