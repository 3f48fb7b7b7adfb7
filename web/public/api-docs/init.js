// Starts Swagger UI on the document the server was built with (GET /api/docs).
// A file of its own rather than an inline script, so that a strict
// Content-Security-Policy in front of Keycard need not allow inline code.
globalThis.addEventListener('load', () => {
  globalThis.ui = globalThis.SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    tryItOutEnabled: false,
    persistAuthorization: false,
  });
});
